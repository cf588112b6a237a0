// The widgets built on the core's `embed` and `similarity` (sum-of-embeddings,
// naive-index, naive-random, orthogonality), in real Chromium: each draws with no
// console error and no serious axe violation; a control changes the drawing and
// the numbers; the numbers shown are the core's and satisfy what they claim,
// recomputed here from first principles (e = w + p; p_ij = i; a cosine from two
// rows; the spread of random cosines is about 1/sqrt(D)). Screenshots at 1280 and 375 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, ready, drawingOf, widgetUrl, near, csvOf, rowsOf, messageOf, noteOf, step, basics } from './widget_support.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// Calls the page's core: posenc.load() then pe[command](options), as plain JSON.
const core = (page, command, options) => page.evaluate(async ([c, o]) => {
  const r = (await posenc.load())[c](o);
  return JSON.parse(JSON.stringify(r, (k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v)));
}, [command, options]);
const norm = (v) => Math.sqrt(v.reduce((a, x) => a + x * x, 0));
const dot = (a, b) => a.reduce((s, x, k) => s + x * b[k], 0);
const cos = (a, b) => dot(a, b) / (norm(a) * norm(b));

test('sum-of-embeddings: e = w + p elementwise, p from encode, the ratio and cosine it states; the scheme select redraws', async () => {
  await basics(env, 'sum-of-embeddings');
  const sel = 'posenc-sum-of-embeddings';
  const page = await open(env.browser, widgetUrl(env.origin, 'sum-of-embeddings'));
  await ready(page, sel);
  const check = async (scheme) => {
    const rows = rowsOf(await csvOf(page, sel)).map((r) => r.map(Number));
    assert.equal(rows.length, 8 * 16);
    const pe = (await core(page, 'encode', { scheme, length: 8, dim: 16 })).data;
    for (const [i, d, w, p, e] of rows) {
      assert.ok(near(e, w + p, 1e-5), `e = w + p at (${i}, ${d})`);
      assert.ok(near(p, pe[i * 16 + d]), `p is encode's (${i}, ${d})`);
    }
    // Position 3's ratio and cosine, recomputed from the rows.
    const at = (c) => rows.filter((r) => r[0] === 3).map((r) => r[c]);
    const [w, p, e] = [at(2), at(3), at(4)];
    const m = /\|p_i\| \/ \|w_i\| = (\S+) and cos\(e_i, w_i\) = (\S+)\./.exec(await noteOf(page, sel));
    assert.ok(m);
    assert.ok(near(Number(m[1]), norm(p) / norm(w), 1e-3), `ratio ${m[1]}`);
    assert.ok(near(Number(m[2]), cos(e, w), 1e-3), `cosine ${m[2]}`);
    return rows;
  };
  await check('sinusoidal');
  const before = await drawingOf(page, sel);
  await page.locator(sel).locator('select[data-param="scheme"]').selectOption('index');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.notEqual(await drawingOf(page, sel), before);
  const rows = await check('index');
  for (const [i, , , p] of rows) assert.equal(p, i, 'index: p_ij = i');
  assert.equal(new URL(page.url()).searchParams.get('sum-of-embeddings.scheme'), 'index');
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('naive-index: |p_i|/|w_i| = i sqrt(D) / |w_i| and cos(e_i, w_i) from the word vectors; it swamps the word as i grows', async () => {
  await basics(env, 'naive-index');
  const sel = 'posenc-naive-index';
  const page = await open(env.browser, widgetUrl(env.origin, 'naive-index'));
  await ready(page, sel);
  const check = async (L, D) => {
    const rows = rowsOf(await csvOf(page, sel)).map((r) => r.map(Number));
    assert.equal(rows.length, L);
    const { word } = await core(page, 'embed', { scheme: 'index', length: L, dim: D });
    for (const [i, ratio, cosine] of rows) {
      const w = word.slice(i * D, (i + 1) * D);
      const e = w.map((x) => x + i);
      assert.ok(near(ratio, (i * Math.sqrt(D)) / norm(w), 1e-4), `ratio at ${i}`);
      assert.ok(near(cosine, cos(e, w), 1e-4), `cosine at ${i}`);
    }
    return rows;
  };
  const rows = await check(100, 64);
  // The claim: p_i swamps w_i. With s = 1, |w_i| ~ sqrt(D), so the ratio is about i and the cosine about 1/i.
  assert.ok(rows[99][1] > 50 && rows[99][2] < 0.1, `at i = 99: ratio ${rows[99][1]}, cosine ${rows[99][2]}`);
  assert.ok(rows[1][2] > 0.5);
  // Sinusoids beside, on the same words: |p_i| = sqrt(D/2) at every i (sin² + cos² = 1 per pair), so the ratio stays bounded.
  const { word } = await core(page, 'embed', { scheme: 'sinusoidal', length: 100, dim: 64 });
  for (const [i, , , ratio] of rows) assert.ok(near(ratio, Math.sqrt(32) / norm(word.slice(i * 64, (i + 1) * 64)), 1e-4), `sinusoidal ratio at ${i}`);
  const before = await drawingOf(page, sel);
  await step(page, sel, 'length', 'ArrowLeft', 50);
  assert.notEqual(await drawingOf(page, sel), before);
  await check(50, 64);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('naive-random: the matrix is the core\'s, a cosine of two random rows, symmetric with 1 on the diagonal; the sinusoids have no spread per offset', async () => {
  await basics(env, 'naive-random');
  const sel = 'posenc-naive-random';
  const page = await open(env.browser, widgetUrl(env.origin, 'naive-random'));
  await ready(page, sel);
  const check = async (seed) => {
    const rows = rowsOf(await csvOf(page, sel)).map((r) => r.map(Number).slice(1));
    assert.equal(rows.length, 32);
    const table = (await core(page, 'encode', { scheme: 'random', length: 32, dim: 64, seed })).data;
    const row = (i) => table.slice(i * 64, (i + 1) * 64);
    for (const [i, j] of [[0, 0], [0, 1], [3, 17], [31, 5]]) {
      assert.ok(near(rows[i][j], cos(row(i), row(j)), 1e-4), `cos(p_${i}, p_${j})`);
      assert.ok(near(rows[i][j], rows[j][i], 1e-7), 'symmetric');
    }
    return rows;
  };
  const first = await check(0);
  const m = /random (\S+), sinusoidal (\S+)\./.exec(await noteOf(page, sel));
  assert.ok(Number(m[1]) > 0.2, `random spread ${m[1]}`);
  assert.ok(Number(m[2]) < 1e-4, `sinusoidal spread ${m[2]}`);
  const before = await drawingOf(page, sel);
  await step(page, sel, 'seed');
  assert.notEqual(await drawingOf(page, sel), before);
  const second = await check(1);
  assert.notDeepEqual(second[0], first[0]);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('orthogonality: densities integrate to 1; the RMS cosine is about 1/sqrt(D) and the core\'s', async () => {
  await basics(env, 'orthogonality');
  const sel = 'posenc-orthogonality';
  const page = await open(env.browser, widgetUrl(env.origin, 'orthogonality', { set: { length: 64, dim: 256 } }));
  await ready(page, sel);
  const dims = [4, 16, 64, 256];
  const rows = rowsOf(await csvOf(page, sel)).map((r) => r.map(Number));
  assert.equal(rows.length, 40);
  dims.forEach((d, k) => assert.ok(near(rows.reduce((a, r) => a + r[k + 1], 0) * 0.05, 1, 1e-9), `D = ${d} integrates to 1`));
  const note = await noteOf(page, sel);
  for (const d of dims) {
    const sim = (await core(page, 'similarity', { scheme: 'random', length: 64, dim: d, seed: 0, measure: 'cosine' })).similarity;
    const off = [];
    for (let i = 0; i < 64; i++) for (let j = i + 1; j < 64; j++) off.push(sim[i * 64 + j]);
    const rms = Math.sqrt(off.reduce((a, v) => a + v * v, 0) / off.length);
    const shown = Number(new RegExp(`D = ${d}: RMS (\\S+) `).exec(note)[1]);
    assert.ok(near(shown, rms, 1e-3), `D = ${d}: shown ${shown}, core ${rms}`);
    // Mean 0, variance 1/D for i.i.d. zero-mean entries: within 20% with 2016 pairs.
    assert.ok(Math.abs(rms * Math.sqrt(d) - 1) < 0.2, `D = ${d}: RMS ${rms} vs 1/sqrt(D) ${1 / Math.sqrt(d)}`);
  }
  const before = await drawingOf(page, sel);
  await step(page, sel, 'length');
  assert.notEqual(await drawingOf(page, sel), before);
  assert.equal(await messageOf(page, sel), '');
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});
