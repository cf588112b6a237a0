// The widgets of the naive methods and the requirements, in real Chromium:
// each renders a non-empty figure with no console error and no serious axe
// violation; moving a control changes the drawing and the numbers shown; the
// numbers shown equal the core's (the same posenc API called in the page) and
// the formulas of the source notebook (p_ij = i / (L - 1), ...); screenshots at
// 1280 and 375 px under build/screenshots/widgets/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, ready, drawingOf, widgetUrl, near, csvOf, rowsOf, messageOf, noteOf, step, basics } from './widget_support.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const tag = (name) => `posenc-${name}`;

test('learned-table: rows are the core\'s table; a control redraws; L > L_max shows the core\'s error and keeps the drawing', async () => {
  await basics(env, 'learned-table');
  const sel = tag('learned-table');
  const page = await open(env.browser, widgetUrl(env.origin, 'learned-table'));
  await ready(page, sel);
  const core = (o) => page.evaluate(async (opt) => Array.from((await posenc.load()).encode(opt).data), o);
  // CSV rows equal the core's lookup (rows 0..L-1 of a table of L_max rows).
  const want = await core({ scheme: 'learned', length: 10, maxLength: 16, dim: 16, seed: 0 });
  const got = rowsOf(await csvOf(page, sel));
  assert.equal(got.length, 10);
  got.forEach((r, i) => r.slice(1).forEach((v, k) => assert.ok(near(Number(v), want[i * 16 + k]), `row ${i} dim ${k}`)));
  // The keyboard readout on the table shows the core's number.
  await page.locator(sel).locator('canvas').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  const read = await page.locator(sel).locator('output').first().textContent();
  const m = /position 1, dimension 1: (\S+)/.exec(read);
  assert.ok(m, read);
  assert.ok(near(Number(m[1]), want[16 + 1], 1e-3), `${read} vs ${want[17]}`);
  // A row of the lookup is the same row of the table: lookup is indexing.
  const table = await core({ scheme: 'learned', length: 16, maxLength: 16, dim: 16, seed: 0 });
  assert.deepEqual(table.slice(0, 160), want);
  // Moving the seed slider changes drawing and numbers.
  const before = await drawingOf(page, sel);
  await step(page, sel, 'seed');
  assert.notEqual(await drawingOf(page, sel), before);
  const seeded = await core({ scheme: 'learned', length: 10, maxLength: 16, dim: 16, seed: 1 });
  assert.ok(near(Number(rowsOf(await csvOf(page, sel))[0][1]), seeded[0]));
  // L = 17 > L_max = 16: the core's own message, in place; the drawing stays.
  await step(page, sel, 'length', 'ArrowRight', 6); // L = 16 = L_max: still fine
  assert.equal(await messageOf(page, sel), '');
  const drawn = await drawingOf(page, sel);
  await step(page, sel, 'length');
  const expected = await page.evaluate(async () => {
    try { (await posenc.load()).encode({ scheme: 'learned', length: 17, maxLength: 16, dim: 16, seed: 1 }); } catch (e) { return e.message; }
    return 'no error';
  });
  assert.match(expected, /--length: got 17; allowed: at most max_length = 16/);
  assert.equal(await messageOf(page, sel), expected);
  assert.equal(await drawingOf(page, sel), drawn);
  // Growing the table to 17 rows makes L = 17 valid again.
  await step(page, sel, 'max-length');
  assert.equal(await messageOf(page, sel), '');
  assert.equal(rowsOf(await csvOf(page, sel)).length, 17);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('requirements-table: the core\'s metrics, and the readings the source notebook states', async () => {
  await basics(env, 'requirements-table');
  const sel = tag('requirements-table');
  const page = await open(env.browser, widgetUrl(env.origin, 'requirements-table'));
  await ready(page, sel);
  const schemes = ['none', 'index', 'normalized', 'random', 'learned', 'sinusoidal'];
  const metrics = (length, dim) => page.evaluate(async ([ss, L, D]) => {
    const pe = await posenc.load();
    return ss.map((scheme) => JSON.parse(JSON.stringify(pe.metrics({ scheme, length: L, dim: D }))));
  }, [schemes, length, dim]);
  const check = async (length, dim) => {
    const want = await metrics(length, dim);
    const rows = rowsOf(await csvOf(page, sel));
    assert.deepEqual(rows.map((r) => r[0]), schemes);
    rows.forEach((r, k) => {
      const m = want[k];
      [m.uniqueness.minDistance, m.consistency.maxChange, m.order.spread, m.small.maxAbs, m.small.normRatio]
        .forEach((v, c) => assert.ok(near(Number(r[c + 1]), v), `${schemes[k]} column ${c + 1}: ${r[c + 1]} vs ${v}`));
      assert.equal(Number(r[8]), m.cost.parameters);
      assert.equal(Number(r[9]), m.cost.storedValues);
    });
    return Object.fromEntries(rows.map((r) => [r[0], r.slice(11)]));
  };
  const verdicts = await check(64, 64);
  // Readings the source notebook argues for (columns: unique, order, extrapolates, small, scalable):
  assert.deepEqual(verdicts.sinusoidal, ['pass', 'pass', 'pass', 'pass', 'pass']);
  assert.equal(verdicts.none[0], 'fail', 'NoPE gives every position the same (zero) vector');
  assert.equal(verdicts.index[3], 'fail', 'p_ij = i swamps the word vector');
  assert.equal(verdicts.normalized[0], 'fail', 'i / (L - 1) changes with L');
  assert.equal(verdicts.learned[2], 'fail', 'a learned table has no row past L_max');
  assert.equal(verdicts.learned[4], 'fail', 'a learned table has L x D parameters');
  assert.equal(verdicts.random[1], 'fail', 'random vectors have no relative structure');
  // The grid shows the same verdicts (SVG text of the cells).
  const shown = await page.evaluate((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('svg text')]
    .map((t) => t.textContent).filter((t) => /^[✓✗] (pass|fail)$/.test(t)), sel);
  assert.deepEqual(shown.map((t) => t.slice(2)), schemes.flatMap((s) => verdicts[s]));
  // Moving a control: new numbers, still the core's.
  const before = await drawingOf(page, sel);
  await step(page, sel, 'length', 'ArrowLeft', 32);
  assert.notEqual(await drawingOf(page, sel), before);
  await check(32, 64);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('naive-normalized: p_i = i / (L - 1) side by side; the same position differs; the position control moves it', async () => {
  await basics(env, 'naive-normalized');
  const sel = tag('naive-normalized');
  const page = await open(env.browser, widgetUrl(env.origin, 'naive-normalized'));
  await ready(page, sel);
  // Defaults: L = 5 and 10, position 3: 3/4 and 3/9 (the source notebook's formula).
  assert.match(await noteOf(page, sel), /Position 3 is 0\.75 in sequence A \(L = 5\) but 0\.3333 in sequence B \(L = 10\)/);
  const rows = rowsOf(await csvOf(page, sel));
  assert.equal(rows.length, 10);
  rows.forEach(([i, a, b]) => {
    if (a !== '') assert.ok(near(Number(a), i / 4), `L=5 row ${i}`);
    assert.ok(near(Number(b), i / 9), `L=10 row ${i}`);
  });
  // The core agrees with the CSV column for L = 10.
  const core = await page.evaluate(async () => Array.from((await posenc.load()).encode({ scheme: 'normalized', length: 10, dim: 4 }).data));
  rows.forEach(([i, , b]) => assert.ok(near(Number(b), core[i * 4])));
  const before = await drawingOf(page, sel);
  await step(page, sel, 'position');
  assert.notEqual(await drawingOf(page, sel), before);
  assert.match(await noteOf(page, sel), /Position 4 is 1 in sequence A \(L = 5\) but 0\.4444 in sequence B/);
  // Position 5 does not exist in sequence A: message in place, drawing kept.
  const drawn = await drawingOf(page, sel);
  await step(page, sel, 'position');
  assert.equal(await messageOf(page, sel), 'position: got 5; allowed: integer in [0, 4] (a position both sequences have)');
  assert.equal(await drawingOf(page, sel), drawn);
  // Equal lengths: equal values.
  await page.evaluate((s) => { const w = document.querySelector(s); w.setAttribute('position', '2'); w.setAttribute('second-length', '5'); w.renderNow(); }, sel);
  assert.match(await noteOf(page, sel), /equal only because the lengths are equal/);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});
