// Long positions in the WebAssembly build (issue 9): the same bound as the native
// tests/cpp/test_long_positions.cpp, checked on what the JS API returns, against
// JS doubles (Math.sin, Math.cos: accurate to ~1 double ulp, plenty to judge a
// float32 value).
//
// For an output v of sin or cos of the angle p w_k:
//   |v - ref| <= 1/2 ulp_f32(ref) + |p| 2^-49   (our angle's error and the JS
//                                                reference's, |p| 2^-50 each)
// which up to p = 10^7 is within 2^-24 = 5.96e-8.
//
// Positions near 10^7 come from ropeApply's position: rotating the vector
// [1, ..., 1, 0, ..., 0] (half pairing) gives [cos m w_k | sin m w_k], the
// sinusoid of position m in the concat layout, w_k = base^(-2k/D) (posenc
// rope-apply uses libm, emscripten's musl, for every angle). Positions up to
// 2^20 come from encode's sinusoidal table, whose rows up to 10^6 go through the
// branch-free kernels::sincos_reduced and past it through libm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModule } from './support.mjs';

const { pe } = await loadModule();

/** Half the float32 spacing at |v|'s binade. */
function halfUlp(v) {
  if (v === 0) return 2 ** -150;
  return 2 ** (Math.max(Math.floor(Math.log2(Math.abs(v))), -126) - 24);
}

/** Checks every value against its reference under the bound; returns the worst error. */
function check(got, want, position, where) {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[i] - want[i]);
    worst = Math.max(worst, err);
    const bound = halfUlp(want[i]) + Math.abs(position) * 2 ** -49;
    assert.ok(err <= bound, `${where}, entry ${i}: got ${got[i]}, want ${want[i]}, error ${err} > ${bound}`);
    if (Math.abs(position) <= 1e7) assert.ok(err <= 2 ** -24, `${where}, entry ${i}: error ${err} > 2^-24`);
  }
  return worst;
}

test('ropeApply near 10^7: cos and sin of every frequency within 1/2 ulp + |p| 2^-49 of JS doubles', () => {
  let worst = 0;
  for (const base of [10000, 500000, 1e12]) {
    for (const dim of [2, 8, 64]) {
      const half = dim / 2;
      const vector = Array.from({ length: dim }, (_, i) => (i < half ? 1 : 0));
      for (const position of [1, 1e3, 1e5, 1e6 - 1, 1e6 + 1, 1e7 - 2, 1e7 - 0.5, 1e7, 1e7 + 3]) {
        const got = pe.ropeApply({ pairing: 'half', position, base, vector }).vector;
        const want = [];
        for (let k = 0; k < half; k++) want.push(Math.cos(position * base ** (-2 * k / dim)));
        for (let k = 0; k < half; k++) want.push(Math.sin(position * base ** (-2 * k / dim)));
        worst = Math.max(worst, check(got, want, position, `base ${base}, D ${dim}, position ${position}`));
      }
    }
  }
  assert.ok(worst > 0, 'the outputs are float32, so some entry differs from the double');
});

test('encode sinusoidal: rows either side of the fast sincos cutoff (10^6) and the last rows of 2^20', () => {
  const length = 2 ** 20, dim = 4;
  for (const base of [10000, 1e12]) {
    const t = pe.encode({ scheme: 'sinusoidal', length, dim, base }).data;
    for (const row of [999990, 999999, 1000000, 1000001, 1000010, length - 2, length - 1]) {
      const got = Array.from(t.subarray(row * dim, (row + 1) * dim));
      const want = [];
      for (let c = 0; c < dim; c++) {
        const angle = row * base ** (-2 * Math.floor(c / 2) / dim);  // interleaved: sin, cos, sin, cos
        want.push(c % 2 === 0 ? Math.sin(angle) : Math.cos(angle));
      }
      check(got, want, row, `base ${base}, row ${row}`);
    }
  }
});

test('rope-apply past 10^7, up to 2^40: the same bound (about 4e-4 at 2^40), never NaN', () => {
  const vector = [1, 1, 1, 1, 0, 0, 0, 0];
  for (const position of [1e9, 2 ** 40 - 1, 2 ** 40, -(2 ** 40)]) {
    const got = pe.ropeApply({ pairing: 'half', position, vector }).vector;
    const want = [];
    for (let k = 0; k < 4; k++) want.push(Math.cos(position * 10000 ** (-2 * k / 8)));
    for (let k = 0; k < 4; k++) want.push(Math.sin(position * 10000 ** (-2 * k / 8)));
    check(got, want, position, `position ${position}`);
  }
});
