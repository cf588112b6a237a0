// The extrapolation lab in real Chromium: before Run it draws its axes and the
// papers' findings and trains nothing; Run trains in a Web Worker with a progress
// bar while the page keeps painting; its accuracies equal pe.train() called in
// the page with the same options (same seed, same numbers); learned APE beyond
// its table reads "cannot run"; Stop stops; the attributes have the names,
// defaults and ranges of `posenc train`; bad attributes show the in-place message
// (nothing inserted as HTML, no console error); on a course page under the strict
// CSP (posenc-widgets.js, no blob: workers) it trains on the main thread in slices
// and says so; axe finds no serious or critical violation. Screenshots under build/screenshots/widgets/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { setup, open, ready, widgetUrl, csvOf, rowsOf, messageOf, noteOf, inkOf, axe, SHOTS } from './widget_support.mjs';
import { prepare, serveEmbed, openPage, pageUrl } from './embed_support.mjs';

const SEL = 'posenc-extrapolation-lab';
// Small enough to finish in a few seconds, long enough for several progress reports.
const SMALL = { schemes: 'none,learned,alibi', task: 'copy', 'train-length': '8', steps: '120', seed: '3' };

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// Opens the lab's development page (tests/web/pages/widgets.html with the core and the widgets' test bundle).
const openLab = (url, options) => open(env.browser, url, options);

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
  // A colour-scheme change repaints the charts from their options alone: the markers and the label stay.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const repainted = await page.evaluate((s) => {
    const acc = document.querySelector(s).shadowRoot.querySelectorAll('.figure svg')[1];
    return [acc.querySelectorAll('g.markers path').length, /cannot run/.test(acc.textContent), acc.getAttribute('font-family') !== null];
  }, SEL);
  assert.deepEqual(repainted, [finite + 3 + 1, true, true], 'markers after a colour-scheme change');
  await page.emulateMedia({ colorScheme: 'light' });

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

test('extrapolation-lab: the attributes are posenc train\'s options; bad ones show the message in place, insert nothing, keep the state and do not train', async () => {
  const page = await openLab(widgetUrl(env.origin, 'extrapolation-lab', { set: SMALL }));
  await ready(page, SEL);
  // The attributes are `posenc train`'s options: same names, defaults and ranges as its help
  // (pe.train.options is the CLI's option table); `schemes` is the list form of --scheme.
  const { params, options } = await page.evaluate(async (s) => ({
    params: JSON.parse(JSON.stringify(customElements.get(s).params)),
    options: (await posenc.load()).train.options.map((o) => ({ name: o.name, help: o.help })),
  }), SEL);
  const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  const help = Object.fromEntries(options.map((o) => [o.name, o.help]));
  const choices = (text) => text.split(/[:(]/)[0].trim().split(' | ');
  assert.deepEqual(Object.keys(params), ['schemes', 'task', 'train-length', 'steps', 'seed']);
  assert.equal(params.schemes.default, choices(help.scheme).join(','));
  assert.deepEqual(params.task.options, choices(help.task));
  assert.equal(params.task.default, help.task.match(/\(default (\w+)\)/)[1]);
  for (const name of ['train-length', 'steps', 'seed']) {
    const text = help[camel(name)];
    const [, lo, hi] = text.match(/(\d+)\.\.(2\^53-1|\d+)/); // '1..L' (no digits after the dots) is skipped
    const cli = [Number(text.match(/default (\d+)/)[1]), Number(lo), hi === '2^53-1' ? 2 ** 53 - 1 : Number(hi)];
    assert.deepEqual([params[name].default, params[name].min, params[name].max], cli, `${name}: ${text}`);
  }
  const cases = [
    ['train-length', '-4'], ['train-length', '0'], ['train-length', '65'], ['train-length', 'eight'], ['steps', '1e9'], ['steps', '100001'],
    ['seed', '-1'], ['seed', '9007199254740992'],
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

test('extrapolation-lab: under the strict CSP (no blob: workers) it trains on the main thread, says so, and the page keeps painting', async () => {
  // The embed route a course page uses (posenc-widgets.js, served with STRICT_CSP): the core loads
  // without a CSP violation there, so the only refusal left is the one the fallback exists for.
  const dir = await prepare('lab');
  const server = await serveEmbed(dir);
  const set = { ...SMALL, schemes: 'none,learned', steps: '150' };
  const query = `widgets=extrapolation-lab&csp=strict&${new URLSearchParams(Object.entries(set).map(([k, v]) => [`set.${k}`, v]))}`;
  const page = await openPage(env.browser, pageUrl(server.origin, 'many.html', query), { width: 375 });
  try {
    await page.locator(SEL).scrollIntoViewIfNeeded();
    await ready(page, SEL);
    await countFrames(page);
    const outcome = await run(page);
    assert.deepEqual(outcome, { status: 'done', where: 'main' });
    const frames = await page.evaluate(() => window.labFrames);
    assert.ok(frames >= 3, `the page painted ${frames} frames while training on the main thread`);
    assert.match(await noteOf(page, SEL), /security policy does not allow a Web Worker/);
    await checkAccuracies(page, set);
    await page.screenshot({ path: path.join(SHOTS, 'extrapolation-lab-csp-375.png'), fullPage: true });
    // Exactly one refusal, unavoidable: Chromium reports the blocked Blob Worker (the lab cannot read
    // the page's policy, it learns of the block only by trying) as a violation and a console error.
    const csp = await page.evaluate(() => window.__csp);
    assert.equal(csp.length, 1, JSON.stringify(csp));
    assert.match(csp[0], /^(worker-src|script-src|script-src-elem): blob$/);
    assert.equal(page.problems.length, 1, JSON.stringify(page.problems));
    assert.match(page.problems[0], /^console error: Creating a worker from 'blob:http:\/\/127\.0\.0\.1:\d+\/[-0-9a-f]+' violates the following Content Security Policy directive/);
  } finally {
    await page.closeAll();
    await server.close();
  }
});
