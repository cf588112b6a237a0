// posenc rope-freqs | rope-apply | rope-decay: known values through the CLI, and its
// bad-input errors. Known values: tests/reference/rope_freqs.py, rope_apply.py,
// rope_decay.py (re-implementations of HF transformers / Meta Llama / RoFormer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { posenc, json, fails, close } from './run.mjs';

/** Relative closeness, for frequencies spanning many decades. */
function closeRel(actual, expected, rel, where = '') {
  assert.equal(actual.length, expected.length, `${where}: length`);
  expected.forEach((e, i) =>
    assert.ok(Math.abs(actual[i] - e) <= rel * Math.abs(e), `${where}[${i}]: got ${actual[i]}, want ${e}`));
}

test('rope-freqs default: base^(-2k/d), wavelengths 2 pi / theta', () => {
  const r = json('rope-freqs', '--dim', 8);
  assert.equal(r.scaling, 'default');
  assert.equal(r.dim, 8);
  assert.equal(r.rotary_dim, 8);
  assert.equal(r.attention_factor, 1);
  closeRel(r.inv_freq, [1, 0.1, 0.01, 0.001], 1e-9, 'inv_freq');
  closeRel(r.wavelength, [1, 10, 100, 1000].map((x) => 2 * Math.PI * x), 1e-8, 'wavelength');
});

test('rope-freqs: every scaling vs HF modeling_rope_utils (rope_freqs.py)', () => {
  // The JSON carries 9 significant digits: compare at 1e-8 relative.
  const cases = [
    [['--dim', 16, '--scaling', 'linear', '--factor', 4],
      [0.25, 0.07905694150420949, 0.025, 0.007905694150420948, 0.0025, 0.0007905694150420947, 0.00025, 7.905694150420948e-05], 1],
    [['--dim', 16, '--scaling', 'ntk', '--factor', 8],
      [1.0, 0.23495632718377818, 0.055204475683690614, 0.01297064085074614, 0.003047534135511189, 0.0007160374274468995, 0.00016823752407904452, 3.952847075210474e-05], 1],
    [['--dim', 16, '--scaling', 'dynamic', '--factor', 2, '--original-max-length', 2048, '--seq-len', 5000],
      [1.0, 0.26051709445418625, 0.06786915650285139, 0.01768107545517928, 0.0046062224044085345, 0.001199999677206287, 0.0003126204292517432, 8.144296589568463e-05], 1],
    [['--dim', 16, '--scaling', 'yarn', '--factor', 4, '--original-max-length', 64],
      [1.0, 0.23717082451262847, 0.05, 0.007905694150420948, 0.0025, 0.0007905694150420947, 0.00025, 7.905694150420948e-05], 1.138629436111989],
    [['--dim', 32, '--base', 500000, '--scaling', 'llama3', '--factor', 8],
      [1.0, 0.44036660267178046, 0.19392274474868576, 0.08539710028576561, 0.03760603093086393, 0.016560440080994446, 0.0072926647372171085, 0.0032114459947525913,
        0.0005248461609929547, 7.78465527393245e-05, 3.428102195952591e-05, 1.509621717643313e-05, 6.647869871181236e-06, 2.9274998701761677e-06, 1.2891731721515574e-06, 5.677088100759837e-07], 1],
  ];
  for (const [args, want, attention] of cases) {
    const r = json('rope-freqs', ...args);
    closeRel(r.inv_freq, want, 1e-8, args.join(' '));
    close(r.attention_factor, attention, 1e-8, `${args.join(' ')} attention_factor`);
  }
});

test('rope-freqs: partial rotary width (GPT-NeoX rotary_pct = 0.25) and csv', () => {
  const r = json('rope-freqs', '--dim', 64, '--partial', 0.25);
  assert.equal(r.rotary_dim, 16);
  closeRel(r.inv_freq, [0, 1, 2, 3, 4, 5, 6, 7].map((k) => 10000 ** (-k / 8)), 1e-8, 'inv_freq');
  const c = posenc('rope-freqs', '--dim', 4, '--format', 'csv');
  assert.equal(c.code, 0);
  assert.equal(c.stdout, 'index,inv_freq,wavelength\n0,1,6.28318531\n1,0.01,628.318531\n');
});

test('rope-apply: half vs HF rotate_half, interleaved vs Meta Llama (rope_apply.py)', () => {
  const h = json('rope-apply', '--pairing', 'half', '--position', 2, '--vector', '1,2,3,4');
  assert.equal(h.pairing, 'half');
  assert.equal(h.rotary_dim, 4);
  close(h.vector, [-3.144039117024187, 1.919605346559823, -0.339143082815746, 4.039197360052977], 2e-6);
  const i = json('rope-apply', '--pairing', 'interleaved', '--position', 2, '--vector', '1,2,3,4');
  close(i.vector, [-2.234741690198506, 0.077003753731397, 2.919405353226401, 4.05919602674631], 2e-6);
  const x8 = '0.5,-1,2,0.25,-0.75,1.5,3,-2';
  close(json('rope-apply', '--pairing', 'half', '--position', -4, '--vector', x8).vector,
    [0.24078006104914, -0.336933480539909, 2.118368215881858, 0.241998021335983, 0.868633963301673, 1.771009833312978, 2.917621651609665, -2.000983997354669], 2e-6);
  close(json('rope-apply', '--pairing', 'interleaved', '--position', 2.5, '--vector', x8).vector,
    [0.19790033633049, 1.100379687598912, 1.875973853607659, 0.737036023936707, -0.787261731078845, 1.48078322747752, 3.004990619796551, -1.992493757815753], 2e-6);
});

test('rope-apply: partial width passes the rest through; linear s at m == default at m/s', () => {
  const x16 = Array.from({ length: 16 }, (_, i) => (i + 1) / 4 - 2);
  const r = json('rope-apply', '--pairing', 'half', '--partial', 0.25, '--position', 7, '--vector', x16.join(','));
  assert.equal(r.rotary_dim, 4);
  close(r.vector, [-0.498095696702297, -1.426383653042387, -2.092104365687012, -1.102465271259579, ...x16.slice(4)], 2e-6);
  const a = json('rope-apply', '--pairing', 'interleaved', '--position', 12, '--vector', x16.join(','), '--scaling', 'linear', '--factor', 4);
  const b = json('rope-apply', '--pairing', 'interleaved', '--position', 3, '--vector', x16.join(','));
  close(a.vector, b.vector, 1e-6);
  // yarn reports its attention factor (HF multiplies cos and sin by it).
  const y = json('rope-apply', '--pairing', 'half', '--position', 1, '--vector', '1,0,0,0', '--scaling', 'yarn', '--factor', 4);
  close(y.attention_factor, 1.138629436111989, 1e-8);
});

test('rope-decay: RoFormer figure 2 (rope_decay.py), r = 0 gives (d/2 + 1)/2', () => {
  const r = json('rope-decay', '--dim', 8, '--max-distance', 3);
  assert.deepEqual(r.distance, [0, 1, 2, 3]);
  close(r.bound, [2.5, 2.2925067080537875, 1.7432497858475582, 1.1325136857987292], 1e-8);
  const big = json('rope-decay', '--dim', 128, '--max-distance', 250, '--step', 50);
  assert.deepEqual(big.distance, [0, 50, 100, 150, 200, 250]);
  close(big.bound[0], 32.5, 0);
  close(big.bound[1], 12.629452488319242, 1e-7);
  close(big.bound[2], 10.227329948505133, 1e-7);
  close(big.bound[5], 6.548179031941596, 1e-7);
  close(json('rope-decay', '--dim', 2, '--max-distance', 5).bound, [1, 1, 1, 1, 1, 1], 1e-12);
  const c = posenc('rope-decay', '--dim', 2, '--max-distance', 1, '--format', 'csv');
  assert.equal(c.code, 0);
  assert.equal(c.stdout, 'distance,bound\n0,1\n1,1\n');
});

test('rope-freqs: bad input is one line and exit 2', () => {
  fails('--dim', 'rope-freqs', '--dim', 7); // odd width
  fails('--dim', 'rope-freqs', '--dim', 0);
  fails('--dim', 'rope-freqs', '--dim', 'abc');
  fails('--dim', 'rope-freqs'); // missing
  fails('--partial', 'rope-freqs', '--dim', 10, '--partial', 0.3); // odd rotary width 3
  fails('--partial', 'rope-freqs', '--dim', 8, '--partial', 0);
  fails('--partial', 'rope-freqs', '--dim', 8, '--partial', 1.5);
  fails('--base', 'rope-freqs', '--dim', 8, '--base', 1);
  fails('--base', 'rope-freqs', '--dim', 8, '--base', 'nan');
  fails('--scaling', 'rope-freqs', '--dim', 8, '--scaling', 'longrope');
  fails('--factor', 'rope-freqs', '--dim', 8, '--scaling', 'linear'); // required
  fails('--factor', 'rope-freqs', '--dim', 8, '--scaling', 'yarn', '--factor', 0.5);
  fails('--factor', 'rope-freqs', '--dim', 8, '--factor', 2); // default scaling uses no factor
  fails('--seq-len', 'rope-freqs', '--dim', 8, '--scaling', 'dynamic', '--factor', 2, '--seq-len', 0);
  fails('--seq-len', 'rope-freqs', '--dim', 8, '--scaling', 'ntk', '--factor', 2, '--seq-len', 10); // dynamic only
  fails('--original-max-length', 'rope-freqs', '--dim', 8, '--scaling', 'yarn', '--factor', 2, '--original-max-length', 0);
  fails('--beta-fast', 'rope-freqs', '--dim', 8, '--scaling', 'yarn', '--factor', 2, '--beta-fast', 1);
  fails('--beta-slow', 'rope-freqs', '--dim', 8, '--scaling', 'yarn', '--factor', 2, '--beta-slow', 0);
  fails('--low-freq-factor', 'rope-freqs', '--dim', 8, '--scaling', 'llama3', '--factor', 8, '--low-freq-factor', 4);
  fails('--dim', 'rope-freqs', '--dim', 2, '--scaling', 'ntk', '--factor', 2); // r/(r-2) needs r >= 4
  fails('--format', 'rope-freqs', '--dim', 8, '--format', 'xml');
});

test('rope-apply and rope-decay: bad input is one line and exit 2', () => {
  fails('--pairing', 'rope-apply', '--position', 1, '--vector', '1,2');
  fails('--pairing', 'rope-apply', '--pairing', 'diagonal', '--position', 1, '--vector', '1,2');
  fails('--position', 'rope-apply', '--pairing', 'half', '--position', 'inf', '--vector', '1,2');
  fails('--position', 'rope-apply', '--pairing', 'half', '--position', 2e12, '--vector', '1,2');
  fails('--position', 'rope-apply', '--pairing', 'half', '--vector', '1,2');
  fails('--vector', 'rope-apply', '--pairing', 'half', '--position', 1, '--vector', '1,2,3'); // odd dim
  fails('--vector', 'rope-apply', '--pairing', 'half', '--position', 1, '--vector', '1,x');
  fails('--vector', 'rope-apply', '--pairing', 'half', '--position', 1, '--vector', '1,1e300');
  fails('--option', 'rope-apply', '--pairing', 'half', '--position', 1, '--vector', '1,2', '--dim', 2);
  fails('--dim', 'rope-decay', '--dim', 7, '--max-distance', 10);
  fails('--max-distance', 'rope-decay', '--dim', 8, '--max-distance', -1);
  fails('--max-distance', 'rope-decay', '--dim', 8);
  fails('--max-distance', 'rope-decay', '--dim', 65536, '--max-distance', 100000); // too much work
  fails('--step', 'rope-decay', '--dim', 8, '--max-distance', 10, '--step', 0);
});
