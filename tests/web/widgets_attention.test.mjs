// The attention widgets in real Chromium: rope-rotation, alibi-bias, fire-bias,
// nope-permutation, attention-map. Each draws a non-empty figure with no console
// error and no serious axe violation (light and dark), fits 375 px; moving a control
// changes the drawing and the numbers shown; the numbers equal the core's (the same
// posenc API called in the page) and the papers' formulas (RoFormer's rotation,
// ALiBi's get_slopes, FIRE's psi(max(i, L_thr)), permutation equivariance); a bad
// attribute shows its message in place and keeps the drawing. Screenshots at 1280
// and 375 px under build/screenshots/widgets/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, open, ready, axe, drawingOf, widgetUrl, near, csvOf, rowsOf, messageOf, noteOf, step, basics, callCore as core } from './widget_support.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const tag = (name) => `posenc-${name}`;
const numbers = (csv) => rowsOf(csv).map((r) => r.map((v) => (v === '' ? NaN : Number(v))));
const frame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
/** A number after `re`'s group in `text` (the widgets print − for minus). */
const num = (text, re) => { const m = re.exec(text); assert.ok(m, `${re} not in: ${text}`); return Number(m[1].replace('−', '-')); };
const same = (a, b, tol = 1e-5) => (Number.isNaN(a) || a === null ? Number.isNaN(b) || b === null : near(a, b, tol));
/** Sets an attribute from outside (as a page would) and waits for the redraw. */
async function attr(page, sel, name, value) {
  await page.evaluate(([s, n, v]) => document.querySelector(s).setAttribute(n, v), [sel, name, value]);
  await frame(page);
}
async function choose(page, sel, name, value) {
  await page.locator(sel).locator(`select[data-param="${name}"]`).selectOption(value);
  await frame(page);
}
async function show(name, set = {}, options = {}) {
  const sel = tag(name);
  const page = await open(env.browser, widgetUrl(env.origin, name, { set }), options);
  await ready(page, sel);
  assert.equal(await messageOf(page, sel), '');
  return { page, sel };
}

/**
 * The checks every widget shares: draws, axe clean (light here, dark below, data
 * table open), no overflow at 375 px, a bad attribute's message with the drawing
 * kept and no console error; screenshots (in basics).
 */
async function common(name, bad) {
  await basics(env, name);
  const dark = await show(name, {}, { colorScheme: 'dark' });
  await dark.page.locator(dark.sel).getByText('Data table').click();
  assert.deepEqual(await axe(dark.page), [], `${name} (dark): axe`);
  assert.deepEqual(dark.page.problems, []);
  await dark.page.closeAll();
  const { page, sel } = await show(name, {}, { width: 375 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name}: wider than 375 px by ${overflow}`);
  for (const [attribute, value, message] of bad) {
    const drawn = await drawingOf(page, sel);
    await attr(page, sel, attribute, value);
    assert.equal(await messageOf(page, sel), message);
    assert.equal(await page.evaluate((s) => document.querySelector(s).dataset.status, sel), 'error');
    assert.equal(await drawingOf(page, sel), drawn, `${name}: a bad ${attribute} changed the drawing`);
    await page.evaluate(([s, a]) => document.querySelector(s).removeAttribute(a), [sel, attribute]);
    await frame(page);
    assert.equal(await messageOf(page, sel), '', `${name}: the message stays after ${attribute} is removed`);
  }
  assert.deepEqual(page.problems, []);
  await page.closeAll();
}

test('rope-rotation: scores are the core\'s rotations and cos((m - n) theta + angle(q) - angle(k)); shifting both keeps them', async () => {
  await common('rope-rotation', [
    ['pairing', 'diagonal', 'pairing: got "diagonal"; allowed: one of half, interleaved'],
    ['pair', '4', 'pair: got "4"; allowed: integer in [0, 3] (d/2 − 1 for d = 8)'],
  ]);
  const { page, sel } = await show('rope-rotation');
  // RoFormer eq. 16: the pair's score is |q||k| cos((m - n) theta_k + alpha - beta), theta_k = base^(-2k/d).
  const formula = (s, rel) => Math.cos(rel * s.base ** (-2 * s.pair / s.dim) + ((s.queryAngle - s.keyAngle) * Math.PI) / 180);
  const check = async () => {
    const s = await page.evaluate((x) => document.querySelector(x).state, sel);
    const rows = numbers(await csvOf(page, sel));
    assert.equal(rows.length, 33);
    // The same scores from the core, called here: a d-vector holding only the pair, rotated by ropeApply.
    const want = await core(page, (pe, a) => {
      const half = a.dim / 2;
      const [i, j] = a.pairing === 'half' ? [a.pair, a.pair + half] : [2 * a.pair, 2 * a.pair + 1];
      const vec = (deg) => { const v = new Array(a.dim).fill(0); v[i] = Math.cos((deg * Math.PI) / 180); v[j] = Math.sin((deg * Math.PI) / 180); return v; };
      const rot = (v, p) => pe.ropeApply({ pairing: a.pairing, base: a.base, position: p, vector: v }).vector;
      const score = (m, n) => { const q = rot(vec(a.queryAngle), m); const k = rot(vec(a.keyAngle), n); return q.reduce((t, x, c) => t + x * k[c], 0); };
      return a.rels.map((r) => [score(a.n + r, a.n), score(a.n + a.shift + r, a.n + a.shift)]);
    }, { ...s, rels: rows.map((r) => r[0]) });
    rows.forEach(([rel, atN, atShift], k) => {
      assert.ok(near(atN, want[k][0], 1e-5) && near(atShift, want[k][1], 1e-5), `m - n = ${rel}: ${atN}, ${atShift} vs core ${want[k]}`);
      assert.ok(Math.abs(atN - formula(s, rel)) < 1e-4, `m - n = ${rel}: ${atN} vs RoFormer ${formula(s, rel)}`);
      assert.ok(Math.abs(atN - atShift) < 1e-4, `m - n = ${rel}: the shift changed the score`);
    });
    const note = await noteOf(page, sel);
    const here = num(note, /q_m · k_n = (\S+) at/);
    const moved = num(note, /\) and (\S+) at/);
    assert.ok(Math.abs(here - formula(s, s.m - s.n)) < 1e-3 && Math.abs(moved - here) < 1e-3, note);
    assert.ok(near(num(note, /θ_\d+ = (\S+) rad/), s.base ** (-2 * s.pair / s.dim), 1e-3), note);
    return here;
  };
  const first = await check();
  // m one step up: drawing and score change (m - n = 4 now).
  let drawn = await drawingOf(page, sel);
  await step(page, sel, 'm');
  assert.notEqual(await drawingOf(page, sel), drawn);
  const second = await check();
  assert.ok(Math.abs(second - first) > 1e-3, `the score did not move: ${first} -> ${second}`);
  // The shift moves the right circle and leaves the score.
  drawn = await drawingOf(page, sel);
  await step(page, sel, 'shift', 'ArrowRight', 5);
  assert.notEqual(await drawingOf(page, sel), drawn);
  assert.ok(Math.abs((await check()) - second) < 1e-4);
  // Interleaved pairing, pair 2 of d = 8, base 100: the same law, other dimensions.
  await choose(page, sel, 'pairing', 'interleaved');
  await attr(page, sel, 'pair', '2');
  await attr(page, sel, 'base', '100');
  assert.match(await noteOf(page, sel), /dimensions 4 and 5 of 8/);
  await check();
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('alibi-bias: slopes are get_slopes\' (powers of two and otherwise), biases and weights the core\'s; head and causal redraw', async () => {
  await common('alibi-bias', [
    ['heads', '0', 'heads: got "0"; allowed: integer in [1, 32]'],
    ['head', '9', 'head: got "9"; allowed: integer in [1, 8] (one of the 8 heads)'],
  ]);
  const { page, sel } = await show('alibi-bias');
  // Press et al.: H = 8 gives 1/2, 1/4, ..., 1/256.
  assert.match(await noteOf(page, sel), /Slopes m_h, head 1 to 8: 1\/2, 1\/4, 1\/8, 1\/16, 1\/32, 1\/64, 1\/128, 1\/256\./);
  const check = async (H, L, causal) => {
    const rows = numbers(await csvOf(page, sel));
    assert.equal(rows.length, H * L * L);
    const want = await core(page, (pe, a) => [pe.alibi({ heads: a.H, length: a.L, symmetric: !a.causal }),
      pe.attention({ scheme: 'alibi', length: a.L, heads: a.H, dim: 16, causal: a.causal, weights: true })], { H, L, causal });
    for (const [head, slope, i, j, bias, weight] of rows) {
      const n = (head - 1) * L * L + i * L + j;
      assert.ok(near(slope, want[0].slopes[head - 1], 1e-9));
      assert.ok(same(bias, want[0].bias[n]), `bias ${head} ${i} ${j}: ${bias} vs ${want[0].bias[n]}`);
      // The paper's bias: -m (i - j) below the diagonal (causal), -m |i - j| without the mask.
      if (causal && j > i) assert.ok(Number.isNaN(bias));
      else assert.ok(near(bias, -slope * Math.abs(i - j), 1e-6), `${bias} vs -${slope} |${i} - ${j}|`);
      assert.ok(near(weight, want[1].weights[n], 1e-5), `weight ${head} ${i} ${j}`);
    }
    return rows.map((r) => r[1]).filter((m, k, a) => a.indexOf(m) === k);
  };
  await check(8, 16, true);
  // Head 3 via the slider: the large heatmaps change, the text names it.
  const drawn = await drawingOf(page, sel);
  await step(page, sel, 'head', 'ArrowRight', 2);
  assert.notEqual(await drawingOf(page, sel), drawn);
  assert.match(await noteOf(page, sel), /Head 3 penalizes a key 0\.125 per position/);
  // A click on the sixth panel picks head 6.
  const panel = page.locator(sel).locator('.figure canvas').first();
  const layout = await page.evaluate((s) => document.querySelector(s).view.items.get('heads').plot.layout, sel);
  assert.ok(layout.perRow >= 6, `${layout.perRow} panels per row at 1280 px`);
  await panel.click({ position: { x: 5 * (layout.size + 10) + layout.size / 2, y: layout.top + layout.size / 2 } });
  await frame(page);
  assert.equal(await page.evaluate((s) => document.querySelector(s).state.head, sel), 6);
  // H = 6 is not a power of two: the reference code takes 4 heads' slopes, then every other of 8 heads'.
  await attr(page, sel, 'head', '1');
  await attr(page, sel, 'heads', '6');
  const slopes = await check(6, 16, true);
  assert.deepEqual(slopes, [1 / 4, 1 / 16, 1 / 64, 1 / 256, 1 / 2, 1 / 8]);
  // Without the causal mask the bias is symmetric and nothing is masked.
  await page.locator(sel).locator('input[type=checkbox][data-param="causal"]').uncheck();
  await frame(page);
  await check(6, 16, false);
  assert.match(page.url(), /alibi-bias\.causal=false/);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('fire-bias: input and bias are the core\'s; the normalizer is psi(max(i, L_thr)) = log(c max(i, L_thr) + 1)', async () => {
  await common('fire-bias', [
    ['c', '0', 'c: got "0"; allowed: number in [0.01, 10]'],
    ['head', '3', 'head: got "3"; allowed: integer in [1, 2] (one of the 2 heads)'],
  ]);
  const { page, sel } = await show('fire-bias');
  const check = async (s) => {
    const rows = numbers(await csvOf(page, sel));
    assert.equal(rows.length, (s.length * (s.length + 1)) / 2);
    const want = await core(page, (pe, a) => pe.fire(a), { length: s.length, heads: s.heads, threshold: s.threshold, c: s.c, hidden: s.hidden ?? 32, seed: 0 });
    const psi = (x) => Math.log(s.c * x + 1); // Li et al., eq. 4
    for (const [i, j, u, ...bias] of rows) {
      assert.ok(near(u, want.input[i * s.length + j], 1e-6), `u(${i}, ${j})`);
      assert.ok(Math.abs(u - psi(i - j) / psi(Math.max(i, s.threshold))) < 1e-5, `u(${i}, ${j}) = ${u} vs the paper`);
      bias.forEach((b, h) => assert.ok(near(b, want.bias[h * s.length * s.length + i * s.length + j], 1e-6), `bias ${h} ${i} ${j}`));
    }
    const note = await noteOf(page, sel);
    assert.ok(near(num(note, /normalizer is (\S+) at i = 1/), psi(Math.max(1, s.threshold)), 1e-3), note);
    const last = s.length - 1;
    assert.ok(near(num(note, new RegExp(`and (\\S+) at i = ${last}`)), psi(Math.max(last, s.threshold)), 1e-3), note);
    return note;
  };
  let note = await check({ length: 32, heads: 2, threshold: 512, c: 0.1 });
  assert.match(note, /constant: every i is below L_thr = 512/);
  // Threshold 8: rows past it reach u = 1 at key 0, and the normalizer grows.
  const drawn = await drawingOf(page, sel);
  await attr(page, sel, 'threshold', '8');
  assert.notEqual(await drawingOf(page, sel), drawn);
  note = await check({ length: 32, heads: 2, threshold: 8, c: 0.1 });
  assert.match(note, /grows from i = 8 on/);
  assert.ok(near(num(note, /farthest key of the last query has u = (\S+)\./), 1, 1e-6), note);
  // c and the seed by keyboard: the numbers follow the core.
  await step(page, sel, 'c', 'ArrowRight', 10);
  await check({ length: 32, heads: 2, threshold: 8, c: 0.2 });
  // The MLP width (the CLI's --hidden; the attribute is mlp-width, since hidden is HTML's own).
  await attr(page, sel, 'mlp-width', '8');
  await check({ length: 32, heads: 2, threshold: 8, c: 0.2, hidden: 8 });
  const biasBefore = numbers(await csvOf(page, sel))[5][3];
  await step(page, sel, 'seed');
  assert.notEqual(numbers(await csvOf(page, sel))[5][3], biasBefore);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('nope-permutation: without a mask the shuffled outputs are the same rows (difference ~0); with the causal mask they are not', async () => {
  await common('nope-permutation', [
    ['shuffle', '-1', 'shuffle: got "-1"; allowed: integer in [0, 9999]'],
    ['length', '17', 'length: got "17"; allowed: integer in [2, 16]'],
  ]);
  const { page, sel } = await show('nope-permutation');
  const check = async (L, d, seed) => {
    const rows = rowsOf(await csvOf(page, sel));
    assert.equal(rows.length, L);
    const perm = [];
    for (const [tok, from, to] of rows) { assert.equal(tok, `w${from}`); perm[Number(to)] = Number(from); }
    assert.deepEqual([...perm].sort((a, b) => a - b), [...Array(L).keys()], 'a permutation');
    // The same runs from the core, here: max |out_shuffled[t] - out[perm[t]]| per token.
    const want = await core(page, (pe, a) => [false, true].map((causal) => {
      const o = { scheme: 'none', length: a.L, heads: 1, dim: a.d, seed: a.seed, causal };
      const x = pe.attention(o).output;
      const y = pe.attention({ ...o, permute: a.perm }).output;
      const diff = [];
      a.perm.forEach((tok, t) => { let m = 0; for (let c = 0; c < a.d; c++) m = Math.max(m, Math.abs(y[t * a.d + c] - x[tok * a.d + c])); diff[tok] = m; });
      return diff;
    }), { L, d, seed, perm });
    rows.forEach((r, tok) => {
      assert.ok(Math.abs(Number(r[3]) - want[0][tok]) < 1e-6 && Math.abs(Number(r[4]) - want[1][tok]) < 1e-6, `token ${tok}`);
      assert.ok(Number(r[3]) < 1e-5, `no mask, token ${tok}: ${r[3]} (permutation equivariance)`);
    });
    return { perm, causal: Math.max(...rows.map((r) => Number(r[4]))) };
  };
  const first = await check(6, 4, 0);
  assert.ok(first.causal > 1e-3, `the causal mask kept the outputs: ${first.causal}`);
  const note = await noteOf(page, sel);
  assert.ok(num(note, /rows back is (\S+) /) < 1e-5, note);
  assert.ok(near(num(note, /Causal mask: ([^,\s]+)/), first.causal, 1e-3), note);
  // The visible table holds the same numbers.
  const table = await page.evaluate((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('table.diffs tbody tr')]
    .map((tr) => [...tr.children].map((c) => c.textContent)), sel);
  assert.equal(table.length, 6);
  // The shuffle button: a new seed in state, URL and event; the order and drawing change.
  const drawn = await drawingOf(page, sel);
  const changed = page.evaluate((s) => new Promise((r) => document.querySelector(s).addEventListener('change', (e) => r(e.detail.shuffle), { once: true })), sel);
  await page.locator(sel).getByRole('button', { name: /Shuffle again/ }).press('Enter');
  assert.equal(await changed, 2);
  await frame(page);
  assert.match(page.url(), /nope-permutation\.shuffle=2/);
  assert.notEqual(await drawingOf(page, sel), drawn);
  const second = await check(6, 4, 0);
  assert.notDeepEqual(second.perm, first.perm);
  // Shuffle 0 is the original order: nothing moves, nothing differs, mask or not.
  await attr(page, sel, 'shuffle', '0');
  const none = await check(6, 4, 0);
  assert.deepEqual(none.perm, [0, 1, 2, 3, 4, 5]);
  assert.ok(none.causal < 1e-6);
  // Longer, wider, another seed: still equivariant without the mask.
  await attr(page, sel, 'shuffle', '7');
  await attr(page, sel, 'length', '12');
  await step(page, sel, 'dim', 'ArrowRight', 4);
  await step(page, sel, 'seed');
  assert.ok((await check(12, 8, 1)).causal > 1e-3);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('attention-map: the weights are the core\'s under every scheme, rows sum to 1, the mask empties j > i; scheme options show per scheme', async () => {
  await common('attention-map', [
    ['scheme', 'absolute', 'scheme: got "absolute"; allowed: one of none, index, normalized, random, learned, sinusoidal, relative, relative-bias, t5, rope, alibi, fire'],
    ['head', '5', 'head: got "5"; allowed: integer in [1, 4] (one of the 4 heads)'],
  ]);
  const { page, sel } = await show('attention-map');
  const visible = (name) => page.evaluate(([s, n]) => getComputedStyle(document.querySelector(s).shadowRoot
    .querySelector(`[data-param="${n}"]`).closest('.control')).display !== 'none', [sel, name]);
  const check = async (extra) => {
    const s = await page.evaluate((x) => document.querySelector(x).state, sel);
    const rows = numbers(await csvOf(page, sel));
    const L = s.length;
    assert.equal(rows.length, s.heads * L * L);
    const want = await core(page, (pe, a) => pe.attention({ ...a, weights: true }).weights,
      { scheme: s.scheme, length: L, heads: s.heads, dim: s.dim, causal: s.causal, seed: s.seed, ...extra });
    const sums = new Map();
    for (const [h, i, j, w] of rows) {
      assert.ok(near(w, want[(h - 1) * L * L + i * L + j], 1e-5), `${s.scheme}: weight ${h} ${i} ${j}: ${w} vs ${want[(h - 1) * L * L + i * L + j]}`);
      if (s.causal && j > i) assert.equal(w, 0);
      sums.set(`${h},${i}`, (sums.get(`${h},${i}`) || 0) + w);
    }
    for (const [k, v] of sums) assert.ok(Math.abs(v - 1) < 1e-4, `${s.scheme}: row ${k} sums to ${v}`);
  };
  await check({ pairing: 'half', base: 10000 });
  assert.ok(await visible('pairing') && await visible('base') && !(await visible('clip')) && !(await visible('factor')));
  // The keyboard readout: query 1, key 2 of head 1, the core's weight.
  await page.locator(sel).locator('.figure canvas').nth(1).focus();
  await page.keyboard.press('ArrowDown');
  for (let k = 0; k < 2; k++) await page.keyboard.press('ArrowRight');
  const read = await page.locator(sel).locator('output').first().textContent();
  const w12 = (await core(page, (pe) => pe.attention({ scheme: 'rope', length: 16, heads: 4, dim: 16, weights: true }).weights))[1 * 16 + 2];
  assert.ok(near(num(read, /query 1, key 2: weight (\S+),/), w12, 1e-3), `${read} vs ${w12}`);
  // Every scheme through the select: the drawing changes, the numbers are the core's with the scheme's own options.
  const options = {
    none: {}, index: {}, normalized: {}, random: {}, learned: {}, sinusoidal: { base: 10000 },
    relative: { clip: 16 }, 'relative-bias': { clip: 16 }, t5: { numBuckets: 32, maxDistance: 128 }, alibi: {}, fire: { threshold: 512, c: 0.1 },
  };
  let drawn = await drawingOf(page, sel);
  for (const [scheme, extra] of Object.entries(options)) {
    await choose(page, sel, 'scheme', scheme);
    assert.equal(await messageOf(page, sel), '', scheme);
    const now = await drawingOf(page, sel);
    assert.notEqual(now, drawn, `${scheme}: same drawing as before`);
    drawn = now;
    await check(extra);
  }
  assert.ok(!(await visible('pairing')) && await visible('threshold'));
  // ALiBi with the causal mask, two more heads, RoPE with a linear scaling of 4.
  await choose(page, sel, 'scheme', 'alibi');
  await page.locator(sel).locator('input[type=checkbox][data-param="causal"]').check();
  await frame(page);
  await step(page, sel, 'heads', 'ArrowRight', 2);
  await check({});
  await choose(page, sel, 'scheme', 'rope');
  await choose(page, sel, 'scaling', 'linear');
  assert.ok(await visible('factor'));
  await check({ pairing: 'half', base: 10000, scaling: 'linear', factor: 4 });
  // The mean distance per head in the note is sum_j w_ij |i - j| averaged over queries, from the same weights.
  const rows = numbers(await csvOf(page, sel));
  const dist = [0, 0, 0, 0, 0, 0].map((_, h) => rows.filter((r) => r[0] === h + 1).reduce((a, r) => a + r[3] * Math.abs(r[1] - r[2]), 0) / 16);
  const shown = (await noteOf(page, sel)).match(/head 1 to 6: (.+?)\. Largest/)[1].split(', ').map(Number);
  shown.forEach((v, h) => assert.ok(near(v, dist[h], 1e-3), `head ${h + 1}: ${v} vs ${dist[h]}`));
  // An odd width is the core's error for RoPE, in place.
  await attr(page, sel, 'dim', '15');
  assert.match(await messageOf(page, sel), /dim/);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('downloads: each widget saves a PNG of its figure and a CSV with every row of its data', async () => {
  const rowsWanted = { 'rope-rotation': 33, 'alibi-bias': 8 * 16 * 16, 'fire-bias': (32 * 33) / 2, 'nope-permutation': 6, 'attention-map': 4 * 16 * 16 };
  for (const [name, count] of Object.entries(rowsWanted)) {
    const { page, sel } = await show(name);
    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.locator(sel).getByRole('button', { name: 'Download CSV' }).click()]);
    assert.equal(csvDl.suggestedFilename(), `${name}.csv`);
    const lines = readFileSync(await csvDl.path(), 'utf8').trim().split('\n');
    assert.equal(lines.length, count + 1, `${name}: CSV rows`);
    assert.equal(lines.slice(1).join('\n'), (await csvOf(page, sel)).trim().split('\n').slice(1).join('\n'));
    const [pngDl] = await Promise.all([page.waitForEvent('download'), page.locator(sel).getByRole('button', { name: 'Download PNG' }).click()]);
    const png = readFileSync(await pngDl.path());
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], `${name}: PNG signature`);
    assert.ok(png.readUInt32BE(16) > 500 && png.readUInt32BE(20) > 400, `${name}: PNG ${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`);
    assert.deepEqual(page.problems, []);
    await page.closeAll();
  }
});
