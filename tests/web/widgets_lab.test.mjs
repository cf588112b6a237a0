// The extrapolation lab in real Chromium: before Run it draws its axes and the
// papers' findings and trains nothing; Run trains in a Web Worker with a progress
// bar while the page keeps painting; its accuracies equal pe.train() called in
// the page with the same options (same seed, same numbers); learned APE beyond
// its table reads "cannot run"; Stop stops; bad attributes show the in-place
// message (nothing inserted as HTML, no console error); under a CSP that blocks
// Blob workers it trains on the main thread in slices and says so; axe finds no
// serious or critical violation. Screenshots under build/screenshots/widgets/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { setup, open, ready, widgetUrl, csvOf, rowsOf, messageOf, noteOf, inkOf, axe, SHOTS } from './widget_support.mjs';

const SEL = 'posenc-extrapolation-lab';
// Small enough to finish in a few seconds, long enough for several progress reports.
const SMALL = { schemes: 'none,learned,alibi', task: 'copy', 'train-length': '8', steps: '120', seed: '3' };
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'";

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// Opens the lab's page; `headers` are added to the page's response (a CSP, say).
async function openLab(url, { headers, ...options } = {}) {
  const page = await open(env.browser, 'about:blank', options);
  if (process.env.LAB_STANDIN) { // STANDIN: remove
    const standin = readFileSync(process.env.LAB_STANDIN, 'utf8');
    await page.route('**/build/web-test/probe.js', async (route) => { const r = await route.fetch(); await route.fulfill({ response: r, body: `${await r.text()}\n${standin}` }); });
  }
  if (headers) {
    await page.route('**/tests/web/pages/widgets.html*', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), ...headers } });
    });
  }
  await page.goto(url);
  return page;
}

// Counts animation frames from now on (window.frames), to see the page paint while it trains.
const countFrames = (page) => page.evaluate(() => {
  window.labFrames = 0;
  const tick = () => { window.labFrames++; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
});

// Records every progress report: [scheme index, steps done, progress value, progress max].
const recordProgress = (page) => page.evaluate((s) => {
  const w = document.querySelector(s);
  window.labProgress = [];
  const original = w.onProgress.bind(w);
  w.onProgress = (k, losses, done) => {
    original(k, losses, done);
    const bar = w.shadowRoot.querySelector('progress');
    window.labProgress.push([k, done, bar.value, bar.max]);
  };
}, SEL);

const run = async (page) => {
  await page.locator(SEL).getByRole('button', { name: 'Run' }).click();
  await page.waitForFunction((s) => { const r = document.querySelector(s).run; return r && r.status !== 'running'; }, SEL, { timeout: 30000 });
  const r = await page.evaluate((s) => { const w = document.querySelector(s); return { status: w.run.status, where: w.run.where, message: w.drawError }; }, SEL);
  assert.equal(r.message, null, r.message);
  return { status: r.status, where: r.where };
};

// pe.train() in the page with the widget's options: the accuracy rows the CSV should hold.
const expected = (page, set) => page.evaluate(async (o) => {
  const pe = await posenc.load();
  const L = Number(o['train-length']);
  return o.schemes.split(',').map((scheme) => {
    const r = pe.train({ scheme, task: o.task, trainLength: L, evalLengths: [L, 2 * L, 4 * L, 8 * L], steps: Number(o.steps), seed: Number(o.seed) });
    return [scheme, ...[1, 2, 4, 8].map((f) => r.accuracy[String(f * L)])];
  });
}, set);

const checkAccuracies = async (page, set) => {
  const want = await expected(page, set);
  const got = rowsOf(await csvOf(page, SEL));
  assert.equal(got.length, want.length);
  got.forEach((row, k) => {
    assert.equal(row[0], want[k][0]);
    want[k].slice(1).forEach((v, i) => assert.equal(row[1 + i], v === null ? 'cannot run' : String(v), `${row[0]} at ${2 ** i}x`));
  });
  return want;
};

test('extrapolation-lab: ready before Run; trains in a Worker with progress; accuracies equal pe.train; learned cannot run; Stop', async () => {
  const url = widgetUrl(env.origin, 'extrapolation-lab', { set: SMALL });
  const page = await openLab(url);
  await ready(page, SEL);
  assert.equal(await page.evaluate((s) => document.querySelector(s).dataset.status, SEL), 'ready', await messageOf(page, SEL));
  // Before Run: nothing trained, axes and the papers' table drawn.
  assert.equal(await page.evaluate((s) => document.querySelector(s).run, SEL), null);
  assert.ok(await inkOf(page, SEL) > 500, 'blank before Run');
  assert.match(await page.locator(SEL).locator('table.papers').textContent(), /Press et al\. 2022.*Kazemnejad et al\. 2023/s);
  await page.screenshot({ path: path.join(SHOTS, 'extrapolation-lab-before-1280.png'), fullPage: true });

  await countFrames(page);
  await recordProgress(page);
  const outcome = await run(page);
  assert.deepEqual(outcome, { status: 'done', where: 'worker' });
  const frames = await page.evaluate(() => window.labFrames);
  assert.ok(frames >= 3, `the page painted ${frames} frames while training`);
  const progress = await page.evaluate(() => window.labProgress);
  assert.ok(progress.length >= 3, `${progress.length} progress reports`);
  assert.ok(progress.some(([, , value, max]) => value > 0 && value < max), JSON.stringify(progress));
  assert.equal(await page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('progress').value, SEL), 3 * 120);

  const want = await checkAccuracies(page, SMALL);
  assert.ok(want.find((r) => r[0] === 'learned').slice(2).every((v) => v === null), 'learned is null beyond its table');
  // The chart says so in words, and draws one accuracy line per scheme, a loss curve per scheme.
  const svgText = await page.locator(SEL).locator('svg').nth(1).textContent();
  assert.match(svgText, /learned: cannot run at 16, 32, 64/);
  assert.match(await noteOf(page, SEL), /learned cannot run at 16, 32, 64/);
  const drawn = await page.evaluate((s) => {
    const [loss, acc] = document.querySelector(s).shadowRoot.querySelectorAll('.figure svg');
    const lines = (svg) => [...svg.querySelectorAll('path[stroke-width="2"]')].filter((p) => /L/.test(p.getAttribute('d'))).length;
    return [lines(loss), lines(acc), acc.querySelectorAll('g.markers path').length];
  }, SEL);
  const finite = want.flatMap((r) => r.slice(1)).filter((v) => v !== null).length;
  // Loss: a curve per scheme; accuracy: a line for each scheme with 2+ numbers; a marker per number,
  // per legend entry and beside the one "cannot run" label.
  assert.deepEqual(drawn, [3, 2, finite + 3 + 1], `lines drawn (loss, accuracy) and markers: ${drawn}`);

  await page.locator(SEL).getByText('Data table').click();
  assert.deepEqual(await axe(page), [], 'axe');
  await page.screenshot({ path: path.join(SHOTS, 'extrapolation-lab-after-1280.png'), fullPage: true });

  // Stop: a long run stopped after its first report keeps what finished and frees Run.
  await page.evaluate((s) => document.querySelector(s).setAttribute('steps', '3000'), SEL);
  await page.locator(SEL).getByRole('button', { name: 'Run' }).click();
  await page.waitForFunction((s) => document.querySelector(s).run.done[0] > 0, SEL, { timeout: 20000 });
  await page.locator(SEL).getByRole('button', { name: 'Stop' }).click();
  const stopped = await page.evaluate((s) => { const w = document.querySelector(s); return [w.run.status, w.run.results.length, w.shadowRoot.querySelector('button').disabled]; }, SEL);
  assert.deepEqual(stopped, ['stopped', 0, false]);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('extrapolation-lab: bad attributes show the message in place, insert nothing, keep the state and do not train', async () => {
  const page = await openLab(widgetUrl(env.origin, 'extrapolation-lab', { set: SMALL }));
  await ready(page, SEL);
  const cases = [
    ['train-length', '-4'], ['train-length', '100000'], ['train-length', 'eight'], ['steps', '1e9'], ['seed', '-1'],
    ['task', 'sort'], ['schemes', 'rope,bogus'], ['schemes', 'none,none'], ['schemes', ''],
    ['schemes', '<img src=x onerror="window.hacked=1">'], ['task', '<script>window.hacked=1</script>'],
  ];
  for (const [name, value] of cases) {
    const r = await page.evaluate(([s, n, v]) => {
      const w = document.querySelector(s);
      const before = JSON.stringify(w.state);
      w.setAttribute(n, v);
      w.renderNow();
      const out = { message: w.shadowRoot.querySelector('[role=alert]').textContent, status: w.dataset.status, same: JSON.stringify(w.state) === before,
        inserted: w.shadowRoot.querySelectorAll('img, script').length };
      w.removeAttribute(n);
      w.setAttribute(n, { schemes: 'none,learned,alibi', task: 'copy', 'train-length': '8', steps: '120', seed: '3' }[n]);
      return out;
    }, [SEL, name, value]);
    assert.ok(r.message.startsWith(`${name}: got "${value}"; allowed: `), `${name}=${value}: ${r.message}`);
    assert.equal(r.status, 'error');
    assert.ok(r.same, `${name}=${value} changed the state`);
    assert.equal(r.inserted, 0);
  }
  // With a bad attribute, Run trains nothing.
  await page.evaluate((s) => document.querySelector(s).setAttribute('steps', 'many'), SEL);
  await page.locator(SEL).getByRole('button', { name: 'Run' }).click();
  assert.equal(await page.evaluate((s) => document.querySelector(s).run, SEL), null);
  assert.equal(await page.evaluate(() => window.hacked), undefined);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('extrapolation-lab: under a CSP without blob: workers it trains on the main thread, says so, and the page keeps painting', async () => {
  const set = { ...SMALL, schemes: 'none,learned', steps: '150' };
  const page = await openLab(widgetUrl(env.origin, 'extrapolation-lab', { set }), { width: 375, colorScheme: 'dark', headers: { 'content-security-policy': CSP } });
  await ready(page, SEL);
  await countFrames(page);
  const outcome = await run(page);
  assert.deepEqual(outcome, { status: 'done', where: 'main' });
  const frames = await page.evaluate(() => window.labFrames);
  assert.ok(frames >= 3, `the page painted ${frames} frames while training on the main thread`);
  assert.match(await noteOf(page, SEL), /security policy does not allow a Web Worker/);
  await checkAccuracies(page, set);
  await page.screenshot({ path: path.join(SHOTS, 'extrapolation-lab-csp-375-dark.png'), fullPage: true });
  // Only what the policy itself refuses: the Blob worker (the fallback's cause), the page's
  // data: favicon, and the core's first try at fetching its inlined wasm (it then instantiates from bytes).
  const expectedRefusals = [/Creating a worker from 'blob:/, /Loading the image 'data:,'/, /Connecting to 'data:application\/octet-stream/, /Fetch API cannot load data:application\/octet-stream/];
  assert.deepEqual(page.problems.filter((p) => !expectedRefusals.some((re) => re.test(p))), []);
  await page.closeAll();
});
