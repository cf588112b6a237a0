// The site in Chromium (dist/ from `npm run build:site`; run by `npm run bench`):
//   - first widget: time from navigation start to the first posenc-* element
//     whose dataset.status becomes "ready", median of 5 cold loads (a fresh
//     browser context each: nothing cached) of the first chapter with a widget;
//     the first widget is scrolled into view at DOMContentLoaded, as widgets
//     start lazily when seen;
//   - bytes: everything a cold load of each page transfers, as served
//     (uncompressed) and gzipped (zlib level 9: what a gzip-serving host sends);
//   - redraw: for every widget on every page, the median of 20 renderNow() calls
//     (after 5 warm-ups, once the page is idle) at its page's attributes and at its maximum sizes (each
//     size attribute set to the top of its declared range, from
//     customElements.get(tag).params), against the 16 ms frame budget.
// Pages are served with COOP/COEP headers so the page is cross-origin isolated
// and performance.now() is fine-grained (else Chromium coarsens it to 0.1 ms).
// Writes build/bench/site.json (rows {name, value, unit, against, against_value,
// ratio, goal}) and prints a table. Speed is reported here, never asserted.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, DIST, requireDist, launch, serve, open } from '../tests/web/support.mjs';

const COLD_LOADS = 5;
const REDRAWS = 20;
const WARMUPS = 5;
const FRAME_MS = 16;
// Integer parameters that set how much is computed and drawn; the others
// (position, seed, ...) pick what is shown and stay as they are.
const SIZE = /(^|-)(length|dim|heads|buckets|distance|size|count|samples|width|window|tokens|vectors|rows)$/;
const ISOLATED = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const row = (name, value, unit, against = null, againstValue = null, goal = null) => ({
  name, value, unit, against, against_value: againstValue,
  ratio: againstValue ? value / againstValue : null, goal,
});

// Before any script of the page: scroll the first widget into view at
// DOMContentLoaded, and note the time its first posenc-* element turns ready.
function watchFirstReady() {
  window.__firstReady = null;
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-status="ready"]')?.localName.startsWith('posenc-')) {
      window.__firstReady = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
  document.addEventListener('DOMContentLoaded', () => {
    [...document.querySelectorAll('*')].find((e) => e.localName.startsWith('posenc-'))?.scrollIntoView();
  });
}

async function firstWidgetMs(browser, url) {
  const times = [];
  for (let i = 0; i < COLD_LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(watchFirstReady);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__firstReady !== null, null, { timeout: 30000 });
    times.push(await page.evaluate(() => window.__firstReady));
    await context.close();
  }
  return median(times);
}

// Bytes of every response of a cold load of `url`: as served, and gzipped.
async function transferBytes(browser, url) {
  const { page } = await open(browser, url);
  await page.close();
  const context = await browser.newContext();
  const fresh = await context.newPage();
  const bodies = [];
  fresh.on('response', (r) => bodies.push(r.body().catch(() => Buffer.alloc(0))));
  await fresh.goto(url, { waitUntil: 'networkidle' });
  const all = await Promise.all(bodies);
  await context.close();
  return { raw: all.reduce((n, b) => n + b.length, 0), gzip: all.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0), count: all.length };
}

// In the page: the median ms of REDRAWS renderNow() calls of widget `index`,
// at its attributes, then at its maximum sizes (restored afterwards).
function redrawInPage({ index, redraws, warmups, size }) {
  const el = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('posenc-'))[index];
  const time = () => {
    for (let i = 0; i < warmups; i++) if (!el.renderNow()) return { error: el.shadowRoot?.querySelector('[role="alert"]')?.textContent || 'renderNow() did not draw' };
    const ms = [];
    for (let i = 0; i < redraws; i++) {
      const t0 = performance.now();
      el.renderNow();
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    return { ms: ms[Math.floor(ms.length / 2)] };
  };
  const params = customElements.get(el.localName)?.params ?? {};
  const sizes = Object.entries(params).filter(([name, spec]) => spec.type === 'int' && new RegExp(size).test(name));
  const saved = sizes.map(([name]) => [name, el.getAttribute(name)]);
  const atPage = time();
  for (const [name, spec] of sizes) el.setAttribute(name, String(spec.max));
  const atMax = sizes.length ? time() : null;
  for (const [name, value] of saved) (value === null ? el.removeAttribute(name) : el.setAttribute(name, value));
  return { tag: el.localName, atPage, atMax, maxAttributes: sizes.map(([name, spec]) => `${name}=${spec.max}`).join(' ') };
}

async function redraws(browser, url) {
  const { page, problems } = await open(browser, url, { width: 1280, height: 900 });
  await page.waitForLoadState('networkidle');
  const count = await page.evaluate(() => [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('posenc-')).length);
  const results = [];
  for (let index = 0; index < count; index++) {
    const handle = await page.evaluateHandle((i) => [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('posenc-'))[i], index);
    await handle.scrollIntoViewIfNeeded();
    await page.waitForFunction((e) => e.dataset.status === 'ready' || e.dataset.status === 'error', handle, { timeout: 30000 })
      .catch(() => {});
    results.push(await page.evaluate(redrawInPage, { index, redraws: REDRAWS, warmups: WARMUPS, size: SIZE.source }));
  }
  await page.close();
  return { results, problems };
}

function printTable(rows) {
  const fmt = (v) => (v === null ? '' : typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : String(v));
  const cols = ['name', 'value', 'unit', 'against', 'against_value', 'ratio', 'goal'];
  const cells = [cols, ...rows.map((r) => cols.map((c) => fmt(r[c])))];
  const widths = cols.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  for (const r of cells) console.log(r.map((c, i) => (i === 1 || i === 4 || i === 5 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '));
}

async function main() {
  requireDist();
  const pages = readdirSync(DIST).filter((f) => f.endsWith('.html')).sort();
  const server = await serve(DIST, ISOLATED);
  const browser = await launch();
  const rows = [];
  const problems = [];
  try {
    const withWidgets = [];
    for (const name of pages) {
      const { results, problems: p } = await redraws(browser, server.url + name);
      problems.push(...p.map((x) => `${name}: ${x}`));
      if (results.length) withWidgets.push(name);
      results.forEach((r, i) => {
        const label = `redraw ${name} #${i + 1} ${r.tag}`;
        for (const [which, res] of [['default', r.atPage], [`max (${r.maxAttributes})`, r.atMax]]) {
          if (!res) continue;
          if (res.error) problems.push(`${label} ${which}: ${res.error}`);
          else rows.push(row(`${label} ${which}`, res.ms, 'ms', 'frame budget', FRAME_MS, 'ratio <= 1'));
        }
      });
    }
    if (withWidgets.length) {
      const ms = await firstWidgetMs(browser, server.url + withWidgets[0]);
      rows.unshift(row(`first widget ready, ${withWidgets[0]} (median of ${COLD_LOADS} cold loads)`, ms, 'ms'));
    }
    for (const name of pages) {
      const { raw, gzip, count } = await transferBytes(browser, server.url + name);
      rows.push(row(`transfer ${name} (${count} requests)`, raw, 'bytes'));
      rows.push(row(`transfer ${name} gzipped`, gzip, 'bytes', 'uncompressed', raw));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const out = path.join(ROOT, 'build/bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'site.json'), JSON.stringify(rows, null, 2) + '\n');
  printTable(rows);
  for (const p of problems) console.log(`note: ${p}`);
  console.log(`wrote ${path.relative(process.cwd(), path.join(out, 'site.json'))}`);
  const redraw = rows.filter((r) => r.goal);
  const over = redraw.filter((r) => r.ratio > 1);
  console.log(`${over.length} of ${redraw.length} redraw rows over the ${FRAME_MS} ms frame budget (ratio > 1), ` +
    `${over.filter((r) => r.name.endsWith(' default')).length} of them at the page's own attributes`);
}

main().catch((e) => {
  console.error(`site_bench: ${e.message}`);
  process.exit(1);
});
