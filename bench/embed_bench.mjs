// The embed script in Chromium (run by `npm run bench`, or alone: node bench/embed_bench.mjs):
//   - bytes of posenc-widgets.js (built now by web/embed/bundle.mjs into
//     build/web/): as served (uncompressed) and gzipped (zlib level 9: what a
//     gzip-serving host sends);
//   - first widget: time from navigation start to the first `posenc-render`
//     event (a widget's first drawing), median of COLD_LOADS cold loads (a fresh
//     browser context each: nothing cached), the first widget scrolled into view
//     at DOMContentLoaded (widgets start lazily when seen). The page is the
//     example course page dist/examples/course.html or index.html (npm run
//     build:site makes it from web/examples/), served under the strict CSP of
//     issue 6; where it is missing, the test host page
//     tests/web/pages/embed/many.html with three widgets (copied to
//     build/embed-test/bench/), and the row says which.
// Writes build/bench/embed.json ({rows: [{name, value, unit, against,
// against_value, ratio, goal}]}, merged by bench/report.mjs) and prints them.
// Speed is reported here, never asserted.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, DIST, launch } from '../tests/web/support.mjs';
import { staticHandler } from '../web/site/static.mjs';
import { buildWidgetsBundle, OUT_DIR } from '../web/embed/bundle.mjs';
import { prepare, STRICT_CSP } from '../tests/web/embed_support.mjs';

const COLD_LOADS = 7;
// The example course page (web/examples/, copied into dist/examples/ by the site build).
const COURSES = ['examples/course.html', 'examples/index.html'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const row = (name, value, unit, against = null, againstValue = null) => ({
  name, value, unit, against, against_value: againstValue, ratio: againstValue ? value / againstValue : null, goal: null,
});

function serve(dir) {
  const srv = http.createServer(staticHandler(dir, { 'cache-control': 'no-store', 'content-security-policy': STRICT_CSP }));
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve({
    origin: `http://127.0.0.1:${srv.address().port}`,
    close: () => new Promise((done) => { srv.closeAllConnections?.(); srv.close(done); }),
  })));
}

// Before any script of the page: the time of the first drawing; the first widget into view.
function firstDraw() {
  window.addEventListener('posenc-render', () => { window.__firstDraw ??= performance.now(); }, { capture: true });
  document.addEventListener('DOMContentLoaded', () => {
    const first = [...document.querySelectorAll('*')].find((e) => e.localName.startsWith('posenc-'));
    first?.scrollIntoView({ block: 'center', behavior: 'instant' });
  });
}

async function timeFirstWidget(browser, url) {
  const times = [];
  for (let k = 0; k < COLD_LOADS; k++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(firstDraw);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.__firstDraw !== undefined, null, { timeout: 60000 });
    times.push(await page.evaluate(() => window.__firstDraw));
    await context.close();
  }
  return times;
}

async function main() {
  const { file, bytes } = await buildWidgetsBundle({ out: path.join(OUT_DIR, 'posenc-widgets.js') });
  const gz = gzipSync(readFileSync(file), { level: 9 }).length;
  const rows = [row('embed: posenc-widgets.js, bytes as served', bytes, 'bytes'), row('embed: posenc-widgets.js, bytes gzipped (level 9)', gz, 'bytes', 'uncompressed', bytes)];

  let dir;
  let page;
  let label;
  const course = COURSES.find((p) => existsSync(path.join(DIST, p)));
  if (course) {
    [dir, page, label] = [DIST, course, `dist/${course}`];
  } else {
    console.log(`dist/${COURSES.join(' and dist/')} are missing (npm run build:site makes one): timing the test host page instead`);
    [dir, page, label] = [await prepare('bench'), 'pages/many.html?widgets=rope-decay,t5-buckets,sinusoidal-heatmap', 'test host page, 3 widgets'];
  }
  const server = await serve(dir);
  const browser = await launch();
  try {
    const times = await timeFirstWidget(browser, `${server.origin}/${page}`);
    rows.push(row(`embed: first widget drawn, ${label}, strict CSP (median of ${COLD_LOADS} cold loads)`, median(times), 'ms'));
    console.log(`cold loads (ms): ${times.map((t) => t.toFixed(0)).join(', ')}`);
  } finally {
    await browser.close();
    await server.close();
  }
  const out = path.join(ROOT, 'build/bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'embed.json'), JSON.stringify({ rows }, null, 1));
  for (const r of rows) console.log(`${r.name}: ${r.unit === 'ms' ? r.value.toFixed(0) : r.value} ${r.unit}`);
}

main().catch((e) => { console.error(`embed_bench: ${e.message}`); process.exit(1); });
