// posenc attention: the attention is recomputed here from the printed q, k, v
// (--inputs) with the textbook formulas, not compared with the code's own output:
//   scaled dot-product attention softmax(q k^T / sqrt(d)) v (Vaswani et al. 2017, eq. 1),
//   ALiBi's bias -m_h |i - j| with m_h = 2^(-8 (h + 1) / H) for H a power of two
//   (Press et al. 2022, section 3), RoPE's rotate_half (GPT-NeoX / HF), the
//   sinusoidal table sin / cos(pos / 10000^(2i/d)) (Vaswani et al. 2017, section 3.5);
// plus the properties: rows of weights sum to 1, the causal mask, NoPE's
// permutation equivariance, relative schemes' shift invariance; and every error path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { posenc, json, fails, close } from './run.mjs';

const TOL = 2e-5; // float32 math, 9 significant digits in the JSON

/** Attention of one head: logits s_ij = q_i . k_j / sqrt(d) + bias(i, j), masked j > i if causal. */
function attend(q, k, v, { causal = false, bias = () => 0 } = {}) {
  const d = q[0].length;
  const scores = q.map((qi, i) =>
    k.map((kj, j) => (causal && j > i ? null : qi.reduce((s, x, c) => s + x * kj[c], 0) / Math.sqrt(d) + bias(i, j))));
  const weights = scores.map((row) => {
    const max = Math.max(...row.filter((x) => x !== null));
    const e = row.map((x) => (x === null ? 0 : Math.exp(x - max)));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / sum);
  });
  const output = weights.map((w) => v[0].map((_, c) => w.reduce((s, wj, j) => s + wj * v[j][c], 0)));
  return { scores, weights, output };
}

function maxDiff(a, b) {
  if (Array.isArray(a)) return Math.max(...a.map((x, i) => maxDiff(x, b[i])));
  return Math.abs(a - b);
}

const base = (scheme, L, H, d, ...rest) =>
  ['attention', '--scheme', scheme, '--length', L, '--heads', H, '--dim', d, ...rest];

test('attention: shapes [H][L][d] and [H][L][L], key order output, weights, scores, q, k, v', () => {
  const r = json(...base('alibi', 5, 3, 4, '--weights', '--scores', '--inputs'));
  assert.deepEqual(Object.keys(r), ['output', 'weights', 'scores', 'q', 'k', 'v']);
  for (const key of ['output', 'q', 'k', 'v']) {
    assert.equal(r[key].length, 3, key);
    for (const head of r[key]) {
      assert.equal(head.length, 5, key);
      for (const row of head) assert.equal(row.length, 4, key);
    }
  }
  for (const key of ['weights', 'scores']) {
    assert.equal(r[key].length, 3, key);
    for (const head of r[key]) {
      assert.equal(head.length, 5, key);
      for (const row of head) assert.equal(row.length, 5, key);
    }
  }
  assert.deepEqual(Object.keys(json(...base('none', 2, 1, 2))), ['output']);
  assert.deepEqual(Object.keys(json(...base('none', 2, 1, 2, '--inputs', '--scores'))), ['output', 'scores', 'q', 'k', 'v']);
});

test('attention none: softmax(q k^T / sqrt(d)) v recomputed from the inputs, causal and not', () => {
  for (const causal of [false, true]) {
    const extra = causal ? ['--causal'] : [];
    const r = json(...base('none', 6, 2, 5, '--weights', '--scores', '--inputs', '--seed', 7, ...extra));
    for (let h = 0; h < 2; ++h) {
      const want = attend(r.q[h], r.k[h], r.v[h], { causal });
      close(r.scores[h], want.scores, TOL, `causal=${causal} scores[${h}]`);
      close(r.weights[h], want.weights, TOL, `causal=${causal} weights[${h}]`);
      close(r.output[h], want.output, TOL, `causal=${causal} output[${h}]`);
    }
  }
});

test('attention alibi: bias -m_h |i - j|, m_h = 2^(-8(h+1)/H) (Press et al. 2022)', () => {
  const H = 4;
  for (const causal of [false, true]) {
    const extra = causal ? ['--causal'] : [];
    const r = json(...base('alibi', 7, H, 4, '--scores', '--inputs', '--seed', 3, ...extra));
    for (let h = 0; h < H; ++h) {
      const m = 2 ** ((-8 * (h + 1)) / H);
      const want = attend(r.q[h], r.k[h], r.v[h], { causal, bias: (i, j) => -m * Math.abs(i - j) });
      close(r.scores[h], want.scores, TOL, `causal=${causal} scores[${h}]`);
      close(r.output[h], want.output, TOL, `causal=${causal} output[${h}]`);
    }
  }
});

test('attention rope: logits of q, k rotated by rotate_half at positions P + i (GPT-NeoX / HF)', () => {
  const d = 8, P = 5;
  const rotate = (x, m) => {
    const half = d / 2;
    return x.map((xc, c) => {
      const k = c % half;
      const angle = m * 10000 ** ((-2 * k) / d);
      const partner = c < half ? -x[c + half] : x[c - half];
      return xc * Math.cos(angle) + partner * Math.sin(angle);
    });
  };
  const r = json(...base('rope', 6, 1, d, '--offset', P, '--scores', '--inputs', '--causal'));
  const q = r.q[0].map((x, i) => rotate(x, P + i));
  const k = r.k[0].map((x, j) => rotate(x, P + j));
  const want = attend(q, k, r.v[0], { causal: true });
  close(r.scores[0], want.scores, TOL, 'scores');
  close(r.output[0], want.output, TOL, 'output');
});

test('attention sinusoidal: the paper table at positions P + i is added to q, k and v upstream', () => {
  const L = 4, d = 6, P = 9;
  const pe = (pos) =>
    Array.from({ length: d }, (_, c) => {
      const angle = pos / 10000 ** ((2 * Math.floor(c / 2)) / d);
      return c % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    });
  const plain = json(...base('none', L, 2, d, '--inputs'));
  const r = json(...base('sinusoidal', L, 2, d, '--inputs', '--offset', P, '--weights'));
  for (const key of ['q', 'k', 'v']) {
    for (let h = 0; h < 2; ++h) {
      const want = plain[key][h].map((row, i) => row.map((x, c) => x + pe(P + i)[c]));
      close(r[key][h], want, TOL, `${key}[${h}]`);
    }
  }
  // ... and attention itself is plain (scheme none) on those inputs.
  for (let h = 0; h < 2; ++h) close(r.weights[h], attend(r.q[h], r.k[h], r.v[h]).weights, TOL, `weights[${h}]`);
});

test('attention: weight rows sum to 1, and causal weights are 0 above the diagonal, every scheme', () => {
  const schemes = ['none', 'rope', 'alibi', 't5', 'fire', 'relative', 'relative-bias', 'index', 'normalized', 'random',
    'learned', 'sinusoidal'];
  for (const scheme of schemes) {
    for (const causal of [false, true]) {
      const r = json(...base(scheme, 5, 2, 4, '--weights', ...(causal ? ['--causal'] : [])));
      r.weights.forEach((head, h) =>
        head.forEach((row, i) => {
          const where = `${scheme} causal=${causal} [${h}][${i}]`;
          assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-5, `${where} sums to 1`);
          row.forEach((w, j) => {
            assert.ok(w >= 0, `${where}[${j}] >= 0`);
            if (causal && j > i) assert.equal(w, 0, `${where}[${j}] masked`);
          });
        }));
    }
  }
});

test('attention --permute: NoPE output rows move with the tokens; not under the causal mask', () => {
  const p = [3, 0, 4, 1, 2];
  const args = base('none', 5, 2, 4, '--inputs');
  const plain = json(...args);
  const perm = json(...args, '--permute', p.join(','));
  for (let h = 0; h < 2; ++h) {
    close(perm.q[h], p.map((pi) => plain.q[h][pi]), 0, `q[${h}]`);
    close(perm.output[h], p.map((pi) => plain.output[h][pi]), TOL, `output[${h}]`);
  }
  const causalPlain = json(...args, '--causal');
  const causalPerm = json(...args, '--causal', '--permute', p.join(','));
  const moved = causalPlain.output.map((head) => p.map((pi) => head[pi]));
  assert.ok(maxDiff(causalPerm.output, moved) > 1e-3, 'the causal mask sees the order');
  // A position-aware scheme sees the order too.
  const rope = json(...base('rope', 5, 2, 4));
  const ropePerm = json(...base('rope', 5, 2, 4, '--permute', p.join(',')));
  assert.ok(maxDiff(ropePerm.output, rope.output.map((head) => p.map((pi) => head[pi]))) > 1e-3, 'rope sees the order');
});

test('attention --offset: relative schemes keep their weights, an absolute one does not', () => {
  for (const scheme of ['rope', 'alibi', 't5', 'relative', 'relative-bias']) {
    for (const causal of [false, true]) {
      const extra = causal ? ['--causal'] : [];
      const a = json(...base(scheme, 6, 2, 4, '--weights', ...extra));
      const b = json(...base(scheme, 6, 2, 4, '--weights', '--offset', 1000, ...extra));
      close(b.weights, a.weights, 1e-5, `${scheme} causal=${causal}`);
    }
  }
  const a = json(...base('sinusoidal', 6, 2, 4, '--weights'));
  const b = json(...base('sinusoidal', 6, 2, 4, '--weights', '--offset', 3));
  assert.ok(maxDiff(a.weights, b.weights) > 1e-3, 'sinusoidal weights move with the offset');
});

test('attention: head h draws the same q, k, v whatever the head count', () => {
  const one = json(...base('none', 4, 1, 3, '--inputs', '--seed', 11));
  const three = json(...base('none', 4, 3, 3, '--inputs', '--seed', 11));
  for (const key of ['q', 'k', 'v']) close(three[key][0], one[key][0], 0, key);
  assert.ok(maxDiff(three.q[1], three.q[0]) > 0.1, 'heads differ');
  assert.ok(maxDiff(three.q[0], three.k[0]) > 0.1, 'q and k differ');
  const other = json(...base('none', 4, 1, 3, '--inputs', '--seed', 12));
  assert.ok(maxDiff(other.q, one.q) > 0.1, 'the seed matters');
});

test('attention: bad input names the option, exits 2, prints nothing on stdout', () => {
  fails('--scheme', ...base('conv', 4, 1, 4));
  fails('--scheme', ...base('nope', 4, 1, 4));
  fails('--length', ...base('none', 0, 1, 4));
  fails('--heads', ...base('none', 4, 0, 4));
  fails('--dim', ...base('none', 4, 1, 0));
  fails('--dim', ...base('rope', 4, 1, 5));
  fails('--partial', ...base('rope', 4, 1, 8, '--partial', 0.375)); // int(8 x 0.375) = 3 is odd
  // --permute: the count, a value out of range, a repeated (and so a missing) one, not a number.
  assert.match(fails('--permute', ...base('none', 4, 1, 2, '--permute', '0,1,2')), /got 3 values/);
  assert.match(fails('--permute', ...base('none', 4, 1, 2, '--permute', '0,1,2,4')), /got 4 at index 3/);
  assert.match(fails('--permute', ...base('none', 4, 1, 2, '--permute', '0,-1,2,3')), /got -1 at index 1/);
  assert.match(fails('--permute', ...base('none', 4, 1, 2, '--permute', '0,2,2,3')), /2 twice .* 1 missing/);
  fails('--permute', ...base('none', 4, 1, 2, '--permute', '0,a,2,3'));
  // An option of another scheme is an error, not ignored.
  assert.match(fails('--clip', ...base('rope', 4, 1, 4, '--clip', 2)), /with --scheme rope/);
  fails('--num-buckets', ...base('alibi', 4, 1, 4, '--num-buckets', 8));
  fails('--pairing', ...base('none', 4, 1, 4, '--pairing', 'half'));
  fails('--base', ...base('t5', 4, 1, 4, '--base', 500));
  fails('--layout', ...base('rope', 4, 1, 4, '--layout', 'concat'));
  fails('--hidden', ...base('t5', 4, 1, 4, '--hidden', 8));
  fails('--init-std', ...base('fire', 4, 1, 4, '--init-std', 0.5));
  fails('--max-length', ...base('sinusoidal', 4, 1, 4, '--max-length', 8));
  fails('--factor', ...base('rope', 4, 1, 4, '--factor', 2));
  // Scheme options out of range.
  fails('--num-buckets', ...base('t5', 4, 1, 4, '--num-buckets', 7));
  fails('--init-std', ...base('relative', 4, 1, 4, '--init-std', 0));
  fails('--c', ...base('fire', 4, 1, 4, '--c', 0));
  fails('--clip', ...base('relative-bias', 4, 1, 4, '--clip', -1));
  // Sizes: H x L x L weights over 1 GiB, checked before anything is computed.
  assert.match(fails('--weights', ...base('none', 16384, 2, 4, '--weights')), /2 x 16384 x 16384/);
  fails('--scores', ...base('none', 16384, 2, 4, '--scores'));
  // Positions: past 2^40, past what an absolute scheme encodes, past a learned table.
  fails('--offset', ...base('none', 4, 1, 4, '--offset', 2 ** 40));
  fails('--offset', ...base('sinusoidal', 4, 1, 4, '--offset', 2 ** 20));
  assert.match(fails('--offset', ...base('learned', 4, 1, 4, '--offset', 4, '--max-length', 6)), /max_length = 6/);
  fails('--length', ...base('learned', 8, 1, 4, '--max-length', 6));
});

test('attention --help lists its options; posenc --help lists the command', () => {
  const h = posenc('attention', '--help');
  assert.equal(h.code, 0);
  for (const opt of ['--scheme', '--permute', '--offset', '--weights', '--scores', '--inputs', '--clip', '--init-std'])
    assert.ok(h.stdout.includes(opt), opt);
  assert.match(posenc('--help').stdout, /attention/);
});
