// The widgets of the sinusoids, the relative schemes, convolution and the RoPE
// decay in real Chromium: sinusoidal-heatmap, sinusoidal-similarity,
// relative-matrix, t5-buckets, conv-position, rope-decay. Each renders a
// non-empty figure with no console error and no serious axe violation, fits 375 px;
// moving a control changes the drawing and the numbers shown; the numbers shown
// equal the core's (the same posenc API called in the page) and the published
// formulas (Vaswani et al. 2017, Shaw et al. 2018, HF T5, RoFormer); a bad
// attribute shows its message in place. Screenshots under build/screenshots/widgets/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, ready, axe, inkOf, drawingOf, widgetUrl, screenshots, csvOf, messageOf, noteOf, callCore as core, step,
  near as nearTo, rowsOf as cellsOf } from './widget_support.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const tag = (name) => `posenc-${name}`;
const rowsOf = (csv) => cellsOf(csv).map((r) => r.map(Number));
const statusOf = (page, sel) => page.evaluate((s) => document.querySelector(s).dataset.status, sel);
const frame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
// Types a value into the number box of parameter `name` (or picks a select option).
async function enter(page, sel, name, value) {
  const select = page.locator(sel).locator(`select[data-param="${name}"]`);
  if (await select.count()) await select.selectOption(String(value));
  else {
    const box = page.locator(sel).locator(`input[type=number][data-param="${name}"]`);
    await box.fill(String(value));
    await box.press('Enter');
  }
  await frame(page);
}
const near = (a, b, tol = 1e-5) => nearTo(a, b, tol); // float32 values printed in 9 digits
const num = (text, re) => { const m = re.exec(text); assert.ok(m, `${re} not in: ${text}`); return Number(m[1].replace('−', '-')); };

/** Opens the widget, waits for its first draw, checks it drew without problems. */
async function show(name, set = {}, options = {}) {
  const sel = tag(name);
  const page = await open(env.browser, widgetUrl(env.origin, name, { set }), options);
  await ready(page, sel);
  assert.equal(await statusOf(page, sel), 'ready', await messageOf(page, sel));
  assert.ok(await inkOf(page, sel) > 500, `${name}: blank figure`);
  return { page, sel };
}

// Axe (light and dark, data table open), 375 px without overflow, a bad attribute's
// message with the drawing kept, screenshots.
async function basics(name, bad) {
  for (const colorScheme of ['light', 'dark']) {
    const { page, sel } = await show(name, {}, { colorScheme });
    await page.locator(sel).getByText('Data table').click();
    assert.deepEqual(await axe(page), [], `${name} (${colorScheme}): axe`);
    assert.deepEqual(page.problems, []);
    await page.closeAll();
  }
  const { page, sel } = await show(name, {}, { width: 375 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name}: page wider than 375 px by ${overflow}`);
  const drawn = await drawingOf(page, sel);
  await page.evaluate(([s, [n, v]]) => document.querySelector(s).setAttribute(n, v), [sel, bad.attr]);
  await frame(page);
  assert.equal(await messageOf(page, sel), bad.message);
  assert.equal(await statusOf(page, sel), 'error');
  assert.equal(await drawingOf(page, sel), drawn, `${name}: a bad value changed the drawing`);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
  await screenshots(env.browser, widgetUrl(env.origin, name), name, sel);
}

test('sinusoidal-heatmap: cells, frequencies and wavelengths are the core\'s and the paper\'s; controls redraw', async () => {
  await basics('sinusoidal-heatmap', { attr: ['layout', 'diagonal'], message: 'layout: got "diagonal"; allowed: one of interleaved, concat' });
  const { page, sel } = await show('sinusoidal-heatmap');
  const encode = (o) => core(page, (pe, a) => pe.encode(a).data, { scheme: 'sinusoidal', ...o });
  const want = await encode({ length: 64, dim: 128 });
  const rows = rowsOf(await csvOf(page, sel));
  assert.equal(rows.length, 64);
  rows.forEach((r, i) => r.slice(1).forEach((v, c) => assert.ok(near(v, want[i * 128 + c]), `PE(${i}, ${c})`)));
  // Keyboard readout at position 2, dimension 1 (cos of pair 0, w_0 = 1): cos 2 (Vaswani et al. 2017).
  const canvas = page.locator(sel).locator('canvas').first();
  await canvas.focus();
  for (const k of ['ArrowDown', 'ArrowDown', 'ArrowRight']) await page.keyboard.press(k);
  const readout = () => page.locator(sel).locator('output').first().textContent();
  let text = await readout();
  assert.match(text, /position 2, dimension 1 \(cos of pair 0\)/);
  assert.ok(near(num(text, /\): (\S+);/), Math.cos(2), 1e-3), text);
  assert.ok(near(num(text, /ω_0 = (\S+),/), 1, 1e-4), text);
  assert.ok(near(num(text, /2π\/ω_0 = (\S+) positions/), 2 * Math.PI, 1e-3), text);
  // The last column: pair 63, w = 10000^(-126/128), the paper's spacing.
  await page.keyboard.press('End');
  text = await readout();
  const w63 = 10000 ** (-126 / 128);
  assert.match(text, /dimension 127 \(cos of pair 63\)/);
  assert.ok(near(num(text, /ω_63 = (\S+),/), w63, 1e-3), `${text} vs ${w63}`);
  assert.ok(near(num(text, /2π\/ω_63 = (\S+) positions/), (2 * Math.PI) / w63, 1e-3), text);
  // Base 100: drawing, readout and numbers follow.
  const before = await drawingOf(page, sel);
  await enter(page, sel, 'base', 100);
  assert.notEqual(await drawingOf(page, sel), before);
  const w100 = 100 ** (-126 / 128);
  await canvas.focus();
  await page.keyboard.press('End');
  assert.ok(near(num(await readout(), /ω_63 = (\S+),/), w100, 1e-3));
  const want100 = await encode({ length: 64, dim: 128, base: 100 });
  assert.ok(near(rowsOf(await csvOf(page, sel))[5][128], want100[5 * 128 + 127]));
  assert.match(await noteOf(page, sel), new RegExp(`down to ω_63 = ${String(Number(w100.toPrecision(4))).replace('.', '\\.')}`));
  // Concat layout: column 64 is the cosine of pair 0; endpoint spacing puts the last w at 1/base (tensor2tensor).
  await enter(page, sel, 'layout', 'concat');
  await enter(page, sel, 'spacing', 'endpoint');
  await canvas.focus();
  await page.keyboard.press('Home');
  for (let k = 0; k < 6; k++) await page.keyboard.press('Shift+ArrowRight');
  for (let k = 0; k < 4; k++) await page.keyboard.press('ArrowRight');
  text = await readout();
  assert.match(text, /dimension 64 \(cos of pair 0\)/);
  await page.keyboard.press('End');
  text = await readout();
  assert.match(text, /dimension 127 \(cos of pair 63\)/);
  assert.ok(near(num(text, /ω_63 = (\S+),/), 1 / 100, 1e-3), text);
  const wantConcat = await encode({ length: 64, dim: 128, base: 100, layout: 'concat', spacing: 'endpoint' });
  assert.ok(near(rowsOf(await csvOf(page, sel))[7][65], wantConcat[7 * 128 + 64]));
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('sinusoidal-similarity: the core\'s dot products depend on the offset only, sum_k cos(Δ w_k); the shift turns each pair', async () => {
  await basics('sinusoidal-similarity', { attr: ['pair', '40'], message: 'pair: got 40; allowed: integer in [0, 31] (D/2 pairs)' });
  const { page, sel } = await show('sinusoidal-similarity');
  const sim = (o) => core(page, (pe, a) => pe.similarity(a), { scheme: 'sinusoidal', ...o });
  const want = await sim({ length: 64, dim: 64 });
  const rows = rowsOf(await csvOf(page, sel));
  assert.equal(rows.length, 127);
  rows.forEach((r, n) => {
    assert.equal(r[0], 0 - want.byOffset.offset[n]);
    assert.ok(near(r[2], want.byOffset.mean[n]) && near(r[3], want.byOffset.min[n]) && near(r[4], want.byOffset.max[n]), `offset ${r[0]}`);
    // Vaswani et al.: <p_i, p_{i+k}> = sum_m cos(k w_m), w_m = 10000^(-2m/D), whatever i is.
    let s = 0;
    for (let m = 0; m < 32; m++) s += Math.cos(r[0] * 10000 ** (-2 * m / 64));
    assert.ok(Math.abs(r[3] - s) < 1e-4 && Math.abs(r[4] - s) < 1e-4, `offset ${r[0]}: ${r[3]}..${r[4]} vs ${s}`);
  });
  const at = (k) => rows.find((r) => r[0] === k)[2];
  for (let k = 1; k < 64; k++) assert.ok(near(at(k), at(-k)), `symmetric at ${k}`);
  assert.ok(at(0) > at(1) && at(1) > at(8), 'largest at 0, then falling');
  // The note: <p_2, p_5> from the core's matrix; the turn Δ w_1 = 3 * 10000^(-2/64).
  let note = await noteOf(page, sel);
  assert.ok(near(num(note, /p_2 · p_5 = (\S+);/), want.similarity[2 * 64 + 5], 1e-3), note);
  const w1 = 10000 ** (-2 / 64);
  assert.ok(near(num(note, /turns it by Δω = (\S+) rad/), 3 * w1, 1e-3), note);
  assert.ok(near(num(note, /on the circle as (\S+) rad/), 3 * w1, 1e-3), note);
  // Shift 4: the drawing and the numbers follow.
  const before = await drawingOf(page, sel);
  await step(page, sel, 'shift');
  assert.notEqual(await drawingOf(page, sel), before);
  note = await noteOf(page, sel);
  assert.ok(near(num(note, /p_2 · p_6 = (\S+);/), want.similarity[2 * 64 + 6], 1e-3), note);
  assert.ok(near(num(note, /turns it by Δω = (\S+) rad/), 4 * w1, 1e-3), note);
  // Width 16: the matrix is recomputed by the core.
  await enter(page, sel, 'dim', 16);
  const want16 = await sim({ length: 64, dim: 16 });
  rowsOf(await csvOf(page, sel)).forEach((r, n) => assert.ok(near(r[2], want16.byOffset.mean[n]), `D = 16, offset ${r[0]}`));
  // A position past L still turns on the circle (the core encodes it); the matrix has no row for it.
  await enter(page, sel, 'position', 100);
  assert.equal(await messageOf(page, sel), '');
  note = await noteOf(page, sel);
  assert.doesNotMatch(note, /p_100 ·/);
  assert.ok(near(num(note, /on the circle as (\S+) rad/), 4 * 10000 ** (-2 / 16), 1e-3), note);
  // A shift past L - 1 names the range in place.
  await enter(page, sel, 'length', 4);
  assert.equal(await messageOf(page, sel), 'shift: got 4; allowed: integer in [0, 3] (below L)');
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('relative-matrix: the notebook\'s r(6, 1) = -5 and r(6, 8) = 2; 2L - 1 and 2k + 1 distinct encodings counted', async () => {
  await basics('relative-matrix', { attr: ['clip', '-1'], message: 'clip: got "-1"; allowed: integer in [0, 31]' });
  const { page, sel } = await show('relative-matrix');
  let note = await noteOf(page, sel);
  assert.match(note, /r\(6, 1\) = −5 and r\(6, 8\) = 2/);
  assert.match(note, /2L − 1 = 19 distinct encodings \(counted in the core's table rows: 19\)/);
  // Rows: (i, j, j - i, clipped, row unclipped, row clipped); r = j - i by definition.
  const check = async (L, k) => {
    const want = await core(page, (pe, a) => [pe.relative({ length: a[0] }), pe.relative({ length: a[0], clip: a[1] })], [L, k]);
    const rows = rowsOf(await csvOf(page, sel));
    assert.equal(rows.length, L * L);
    for (const [i, j, r, c, rowU, rowC] of rows) {
      assert.equal(r, j - i);
      assert.equal(c, Math.max(-k, Math.min(k, j - i)), 'Shaw et al.: clip(j - i, -k, k)');
      assert.equal(rowU, want[0].index[i * L + j]);
      assert.equal(rowC, want[1].index[i * L + j]);
    }
  };
  assert.match(note, /Clipped to k = 4: 2k \+ 1 = 9 \(counted: 9\)/);
  await check(10, 4);
  // Clip to k = 3 with the keyboard: 2k + 1 = 7.
  const before = await drawingOf(page, sel);
  await step(page, sel, 'clip', 'ArrowLeft');
  assert.notEqual(await drawingOf(page, sel), before);
  note = await noteOf(page, sel);
  assert.match(note, /Clipped to k = 3: 2k \+ 1 = 7 \(counted: 7\)/);
  await check(10, 3);
  await step(page, sel, 'length', 'ArrowRight', 2);
  assert.match(await noteOf(page, sel), /2L − 1 = 23 distinct encodings \(counted in the core's table rows: 23\)/);
  await check(12, 3);
  // k = 0: one vector for everything; k >= L - 1 clips nothing.
  await enter(page, sel, 'clip', 0);
  assert.match(await noteOf(page, sel), /2k \+ 1 = 1 \(counted: 1\)/);
  await enter(page, sel, 'clip', 11);
  assert.match(await noteOf(page, sel), /k = 11 ≥ L − 1 clips nothing: still 23\./);
  await check(12, 11);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('t5-buckets: the core\'s buckets, HF T5\'s values, exact region one bucket per distance', async () => {
  await basics('t5-buckets', { attr: ['num-buckets', '3'], message: 'num-buckets: got "3"; allowed: integer in [4, 128]' });
  const { page, sel } = await show('t5-buckets');
  const buckets = (causal, o) => core(page, (pe, a) => pe.t5Bucket(a).buckets, { causal, positions: o.r, numBuckets: o.B, maxDistance: o.D });
  const check = async (B, D, span) => {
    const rows = rowsOf(await csvOf(page, sel));
    const r = rows.map((x) => x[0]);
    assert.deepEqual(r, Array.from({ length: 2 * span + 1 }, (_, n) => n - span));
    assert.deepEqual(rows.map((x) => x[1]), await buckets(false, { r, B, D }));
    assert.deepEqual(rows.map((x) => x[2]), await buckets(true, { r, B, D }));
    return new Map(rows.map((x) => [x[0], x.slice(1)]));
  };
  let by = await check(32, 128, 160);
  // HF _relative_position_bucket, B = 32, max_distance = 128 (worked by hand):
  // bidirectional: r < 0 -> |r| for |r| < 8; r > 0 -> 16 + r; r = 20 -> 16 + 8 + int(log(20/8)/log(16) * 8) = 26.
  // causal: r > 0 -> 0; r = -20 -> 16 + int(log(20/16)/log(8) * 16) = 17; |r| >= 128 -> 31.
  for (let r = -7; r <= 0; r++) assert.equal(by.get(r)[0], Math.abs(r));
  for (let r = 1; r <= 7; r++) assert.equal(by.get(r)[0], 16 + r);
  for (let r = -15; r <= 0; r++) assert.equal(by.get(r)[1], Math.abs(r));
  for (let r = 1; r <= 160; r++) assert.equal(by.get(r)[1], 0);
  assert.deepEqual(by.get(20), [26, 0]);
  assert.deepEqual(by.get(-20), [10, 17]);
  assert.deepEqual(by.get(160), [31, 0]);
  assert.deepEqual(by.get(-160), [15, 31]);
  assert.match(await noteOf(page, sel), /r = 20: bucket 26 bidirectional, 0 causal\./);
  // The read position follows its slider; the values are the core's.
  await step(page, sel, 'position', 'ArrowLeft', 40); // r = -20
  assert.match(await noteOf(page, sel), /r = −?-?20: bucket 10 bidirectional, 17 causal\./);
  // 16 buckets, max distance 64: drawing and numbers follow the core.
  const before = await drawingOf(page, sel);
  await enter(page, sel, 'num-buckets', 16);
  await enter(page, sel, 'max-distance', 64);
  assert.notEqual(await drawingOf(page, sel), before);
  by = await check(16, 64, 160);
  for (let r = 1; r <= 3; r++) assert.equal(by.get(r)[0], 8 + r, 'exact region of B = 16: |r| < 4');
  // A max distance inside the exact region is the core's error, shown in place.
  const drawn = await drawingOf(page, sel);
  await enter(page, sel, 'max-distance', 4);
  const expected = await page.evaluate(async () => {
    try { (await posenc.load()).t5Bucket({ positions: [0], numBuckets: 16, maxDistance: 4 }); } catch (e) { return e.message; }
    return 'no error';
  });
  assert.match(expected, /max-distance/i);
  assert.equal(await messageOf(page, sel), expected);
  assert.equal(await drawingOf(page, sel), drawn);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('conv-position: the core\'s output differs from the interior only within layers x (K - 1)/2 of each edge', async () => {
  await basics('conv-position', { attr: ['kernel', '0'], message: 'kernel: got "0"; allowed: integer in [1, 31]' });
  const { page, sel } = await show('conv-position');
  const conv = (o) => core(page, (pe, a) => pe.conv(a), o);
  const check = async (L, D, K, layers, content = 'word') => {
    const want = await conv({ length: L, dim: D, kernel: K, layers, content });
    const rows = rowsOf(await csvOf(page, sel));
    assert.equal(rows.length, L);
    rows.forEach((r, i) => {
      assert.ok(near(r[1], want.distance[i]), `distance ${i}`);
      r.slice(2).forEach((v, c) => assert.ok(near(v, want.output[i * D + c]), `output ${i}, ${c}`));
    });
    // Zero padding reaches n (K - 1)/2 positions in from each edge, and no further.
    const reach = (layers * (K - 1)) / 2;
    rows.forEach((r, i) => {
      const edge = i < reach || i >= L - reach;
      assert.equal(r[1] > 1e-5, edge, `K = ${K}, ${layers} layer(s): position ${i} distance ${r[1]}`);
    });
    assert.match(await noteOf(page, sel), new RegExp(`^${2 * reach} of ${L} positions differ from the interior \\(${reach} at the start, ${reach} at the end\\)`));
  };
  await check(32, 4, 3, 1);
  const before = await drawingOf(page, sel);
  await step(page, sel, 'kernel'); // K = 5 (step 2)
  assert.notEqual(await drawingOf(page, sel), before);
  await check(32, 4, 5, 1);
  await step(page, sel, 'layers', 'ArrowRight', 2);
  await check(32, 4, 5, 3);
  await enter(page, sel, 'content', 'ones');
  await check(32, 4, 5, 3, 'ones');
  // An even kernel has no centre tap: the core's message, in place.
  await enter(page, sel, 'kernel', 4);
  assert.match(await messageOf(page, sel), /kernel.*got 4/);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('rope-decay: the core\'s bound, (d/2 + 1)/2 at distance 0, a larger base decays later; log axis', async () => {
  await basics('rope-decay', { attr: ['axis', 'cubic'], message: 'axis: got "cubic"; allowed: one of linear, log' });
  const { page, sel } = await show('rope-decay');
  const decay = (o) => core(page, (pe, a) => pe.ropeDecay(a), o);
  const check = async (d, base, maxDistance) => {
    const want = await decay({ dim: d, base, maxDistance });
    const rows = rowsOf(await csvOf(page, sel)).slice(0, want.distance.length);
    assert.deepEqual(rows.map((r) => r[0]), want.distance);
    rows.forEach((r, n) => assert.ok(near(r[1], want.bound[n]), `distance ${r[0]}`));
    // At r = 0 every e^{i r theta} is 1: |S_j| = j, and (2/d) sum_{j=1}^{d/2} j = (d/2 + 1)/2 (RoFormer 3.4.3).
    assert.ok(near(rows[0][1], (d / 2 + 1) / 2), `bound at 0: ${rows[0][1]}`);
    const half = rows.find((r) => r[1] < rows[0][1] / 2)?.[0];
    const note = await noteOf(page, sel);
    assert.ok(near(num(note, /^The bound is (\S+) at distance 0/), (d / 2 + 1) / 2, 1e-3), note);
    if (half !== undefined) assert.equal(num(note, /falls below half \(\S+\) at distance (\d+)/), half);
    return half;
  };
  const half = await check(128, 10000, 256);
  assert.ok(half > 0 && half < 256, `half at ${half}`);
  const before = await drawingOf(page, sel);
  await enter(page, sel, 'max-distance', 4000);
  const halfBig = await check(128, 10000, 1024); // the first 1024 distances come one by one
  assert.equal(halfBig, half);
  // Past 1024 the curve is sampled: every 2nd distance up to 4000, the core's values at those.
  const coarse = await decay({ dim: 128, base: 10000, maxDistance: 4000, step: 2 });
  const tail = rowsOf(await csvOf(page, sel)).slice(1025);
  assert.deepEqual(tail.map((r) => r[0]), coarse.distance.filter((r) => r > 1024));
  tail.forEach(([r, b]) => assert.ok(near(b, coarse.bound[r / 2]), `distance ${r}`));
  await enter(page, sel, 'base', 1000000);
  assert.notEqual(await drawingOf(page, sel), before);
  const halfSlow = await check(128, 1000000, 1024);
  assert.ok(halfSlow === undefined || halfSlow > half, `base 1e6 halves at ${halfSlow}, base 1e4 at ${half}`);
  const linear = await drawingOf(page, sel);
  await enter(page, sel, 'axis', 'log');
  assert.notEqual(await drawingOf(page, sel), linear);
  const ticks = await page.evaluate((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('svg text')].map((t) => t.textContent), sel);
  for (const t of ['1', '10', '100', '1000']) assert.ok(ticks.includes(t), `log tick ${t} in ${ticks}`);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});
