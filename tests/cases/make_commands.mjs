// Writes tests/cases/commands.json: the inputs shared by the CLI suite
// (tests/cli/cases.test.mjs) and the WASM suite (tests/wasm/*.test.mjs).
//
//   node tests/cases/make_commands.mjs      # regenerate after editing this file
//
// Each case is {command (camelCase, as in JS), options (camelCase JS object)}.
// `valid` cases must succeed; `bad` cases must fail with one error line. No
// expected output is stored: the suites compute it at test time with the CLI.
// Option values follow the JS API: true = a flag, arrays = comma lists; text
// such as 'NaN' or 'abc' reaches the CLI as is (JSON has no NaN or Infinity).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const valid = [];
const bad = [];
const ok = (command, ...list) => list.forEach((options) => valid.push({ command, options }));
const no = (command, ...list) => list.forEach((options) => bad.push({ command, options }));

// Relative positions around T5's bucket edges (max_exact 8 and 16, max_distance
// 128), and far ones: 1e9 and 2^40, the largest accepted.
const t5Positions = [-1e9, -200, -129, -128, -127, -16, -9, -8, -7, -1, 0, 1, 7, 8, 9, 16, 127, 128, 129, 200, 1e9];
const vec = (n) => Array.from({ length: n }, (_, i) => Math.round(100 * Math.sin(i + 1)) / 100);

// ---- valid ---------------------------------------------------------------------

ok('encode',
  { scheme: 'none', length: 3, dim: 4 },
  { scheme: 'index', length: 5, dim: 3 },
  { scheme: 'normalized', length: 5, dim: 2 },
  { scheme: 'random', length: 4, dim: 6 },
  { scheme: 'random', length: 4, dim: 6, seed: 7 },
  { scheme: 'learned', length: 5, dim: 4 },
  { scheme: 'learned', length: 5, dim: 4, maxLength: 8, seed: 3 },
  { scheme: 'learned', length: 3, dim: 2, seed: 2 ** 53 - 1 },
  { scheme: 'sinusoidal', length: 1, dim: 1 },
  { scheme: 'sinusoidal', length: 6, dim: 8 },
  { scheme: 'sinusoidal', length: 6, dim: 8, layout: 'concat' },
  { scheme: 'sinusoidal', length: 6, dim: 8, layout: 'interleaved', spacing: 'endpoint' },
  { scheme: 'sinusoidal', length: 6, dim: 7, layout: 'concat', spacing: 'endpoint', base: 100 },
  { scheme: 'sinusoidal', length: 4, dim: 6, spacing: 'paper', base: 1.5 },
  { scheme: 'sinusoidal', length: 64, dim: 32 });

ok('relative',
  { length: 1 },
  { length: 5 },
  { length: 6, clip: 2 },
  { length: 4, clip: 0 },
  { length: 3, clip: 100 });

ok('t5Bucket',
  { positions: [-3, 0, 20] },
  { positions: t5Positions },
  { positions: t5Positions, causal: true },
  { positions: t5Positions, numBuckets: 8, maxDistance: 20 },
  { positions: t5Positions, numBuckets: 2, maxDistance: 2, causal: true },
  { positions: [2 ** 40, -(2 ** 40), 5], numBuckets: 64, maxDistance: 1000 },
  { positions: [-300000, 5, 300000], numBuckets: 1048576, maxDistance: 1000000 },
  { positions: '4,-4' });

ok('alibi',
  { heads: 1 },
  { heads: 8 },
  { heads: 3 },
  { heads: 12, length: 3 },
  { heads: 5, length: 4, symmetric: true },
  { heads: 6, length: 1 },
  { heads: 1024 });

ok('ropeFreqs',
  { dim: 2 },
  { dim: 64 },
  { dim: 10, base: 500000, scaling: 'default' },
  { dim: 16, scaling: 'linear', factor: 4 },
  { dim: 16, scaling: 'ntk', factor: 2 },
  { dim: 16, scaling: 'dynamic', factor: 2, originalMaxLength: 2048, seqLen: 4096 },
  { dim: 16, scaling: 'dynamic', factor: 2, originalMaxLength: 2048, seqLen: 100 },
  { dim: 32, scaling: 'yarn', factor: 4 },
  { dim: 64, scaling: 'yarn', factor: 16, originalMaxLength: 4096, betaFast: 16, betaSlow: 2 },
  { dim: 64, base: 500000, scaling: 'llama3', factor: 8, originalMaxLength: 8192, lowFreqFactor: 1, highFreqFactor: 4 },
  { dim: 32, scaling: 'llama3', factor: 4, lowFreqFactor: 2, highFreqFactor: 8 },
  { dim: 16, partial: 0.5 },
  { dim: 10, partial: 0.25, scaling: 'linear', factor: 2 });

ok('ropeApply',
  { pairing: 'half', position: 3, vector: vec(4) },
  { pairing: 'interleaved', position: 3, vector: vec(4) },
  { pairing: 'half', position: 0, vector: vec(8) },
  { pairing: 'interleaved', position: 2.5, vector: vec(6) },
  { pairing: 'half', position: -7.25, vector: vec(6) },
  { pairing: 'interleaved', position: 1e9, vector: [1, 0, 0, 1] },
  { pairing: 'half', position: 2 ** 40, vector: [1, 0, 0, 1] },
  { pairing: 'half', position: 100, vector: '0.5,-1,2,0.25' },
  { pairing: 'half', position: 5000, vector: vec(16), base: 500000, scaling: 'llama3', factor: 8 },
  { pairing: 'interleaved', position: 5000, vector: vec(16), scaling: 'yarn', factor: 4, originalMaxLength: 2048 },
  { pairing: 'half', position: 17, vector: vec(8), scaling: 'linear', factor: 2, partial: 0.5 },
  { pairing: 'interleaved', position: 9000, vector: vec(8), scaling: 'dynamic', factor: 2, seqLen: 9000 },
  { pairing: 'half', position: 33, vector: vec(12), scaling: 'ntk', factor: 3 });

ok('ropeDecay',
  { dim: 2, maxDistance: 0 },
  { dim: 8, maxDistance: 10 },
  { dim: 16, base: 100, maxDistance: 5 },
  { dim: 64, maxDistance: 100, step: 10 });

ok('fire',
  { length: 5, heads: 1 },
  { length: 3, heads: 2, threshold: 1 },
  { length: 4, heads: 3, c: 0.5, threshold: 2, hidden: 4, eps: 0.000001, seed: 5 },
  { length: 6, heads: 2, hidden: 1, eps: 1 });

ok('conv',
  { length: 5, dim: 3 },
  { length: 6, dim: 2, kernel: 5, layers: 2, seed: 1 },
  { length: 4, dim: 3, content: 'ones' },
  { length: 3, dim: 2, kernel: 1, content: 'word' },
  { length: 7, dim: 2, kernel: 9 });

ok('metrics',
  { scheme: 'none', length: 4, dim: 3 },
  { scheme: 'index', length: 6, dim: 4 },
  { scheme: 'normalized', length: 6, dim: 4 },
  { scheme: 'random', length: 5, dim: 8, seed: 2, wordScale: 0.5 },
  { scheme: 'learned', length: 6, dim: 4, maxLength: 16 },
  { scheme: 'sinusoidal', length: 8, dim: 8 },
  { scheme: 'sinusoidal', length: 8, dim: 6, layout: 'concat', spacing: 'endpoint', base: 1000 });

ok('attention',
  { scheme: 'none', length: 4, heads: 2, dim: 4 },
  { scheme: 'none', length: 1, heads: 1, dim: 1 },
  { scheme: 'none', length: 4, heads: 1, dim: 3, causal: true, seed: 3, weights: true, scores: true },
  { scheme: 'rope', length: 5, heads: 2, dim: 4 },
  { scheme: 'rope', length: 5, heads: 2, dim: 4, pairing: 'interleaved', causal: true, offset: 10, weights: true },
  { scheme: 'rope', length: 3, heads: 1, dim: 8, pairing: 'half', base: 500000, scores: true, inputs: true },
  { scheme: 'rope', length: 3, heads: 1, dim: 4, offset: 1e9, scaling: 'yarn', factor: 4, partial: 0.5 },
  { scheme: 'rope', length: 4, heads: 2, dim: 4, permute: [2, 0, 3, 1], weights: true },
  { scheme: 'alibi', length: 4, heads: 3, dim: 2, causal: true, weights: true, scores: true },
  { scheme: 'alibi', length: 4, heads: 2, dim: 2 },
  { scheme: 't5', length: 5, heads: 2, dim: 2, numBuckets: 8, maxDistance: 16, causal: true, scores: true },
  { scheme: 't5', length: 4, heads: 1, dim: 3, initStd: 0.5 },
  { scheme: 'fire', length: 5, heads: 2, dim: 2, c: 0.5, threshold: 2, eps: 0.000001, hidden: 4, causal: true, weights: true },
  { scheme: 'relative', length: 5, heads: 1, dim: 2, clip: 2, weights: true },
  { scheme: 'relative-bias', length: 4, heads: 2, dim: 2, clip: 1, initStd: 2, scores: true },
  { scheme: 'sinusoidal', length: 3, heads: 1, dim: 4, layout: 'concat', spacing: 'endpoint', base: 100, inputs: true },
  { scheme: 'learned', length: 3, heads: 1, dim: 2, offset: 2, maxLength: 10, inputs: true },
  { scheme: 'index', length: 3, heads: 2, dim: 2, seed: 9 },
  { scheme: 'normalized', length: 3, heads: 1, dim: 2, causal: true },
  { scheme: 'random', length: 4, heads: 1, dim: 2, permute: '3,2,1,0', inputs: true });

ok('similarity',
  { scheme: 'sinusoidal', length: 8, dim: 8 },
  { scheme: 'sinusoidal', length: 6, dim: 6, measure: 'cosine', layout: 'concat', spacing: 'endpoint', base: 100 },
  { scheme: 'index', length: 5, dim: 3, measure: 'cosine' }, // row 0 has no cosine: null
  { scheme: 'index', length: 4, dim: 2, measure: 'dot' },
  { scheme: 'none', length: 3, dim: 2, measure: 'cosine' },
  { scheme: 'normalized', length: 2, dim: 1 },
  { scheme: 'random', length: 6, dim: 16, seed: 4, measure: 'cosine' },
  { scheme: 'learned', length: 4, dim: 3, maxLength: 8, seed: 1 });

ok('embed',
  { scheme: 'none', length: 3, dim: 4 },
  { scheme: 'index', length: 6, dim: 3, wordScale: 0.02 },
  { scheme: 'normalized', length: 4, dim: 2, wordSeed: 5 },
  { scheme: 'random', length: 4, dim: 4, seed: 2, wordSeed: 2, wordScale: 0.5 },
  { scheme: 'learned', length: 3, dim: 2, maxLength: 6 },
  { scheme: 'sinusoidal', length: 1, dim: 1 },
  { scheme: 'sinusoidal', length: 8, dim: 6, layout: 'concat', base: 1000, wordScale: 2, wordSeed: 2 ** 53 - 1 });

// ---- bad ------------------------------------------------------------------------
// Per command: missing required, out of range (negative, zero, huge), non-numeric
// text, NaN/Infinity, unknown option, wrong choice, flag given a value, a size over
// the 1 GiB output limit, and the command's own rules.

const sin = { scheme: 'sinusoidal', length: 4, dim: 4 };
no('encode',
  {}, { scheme: 'sinusoidal', dim: 4 }, { scheme: 'sinusoidal', length: 4 }, { length: 4, dim: 4 },
  { ...sin, length: 0 }, { ...sin, length: -1 }, { ...sin, length: 1048577 }, { ...sin, dim: 0 }, { ...sin, dim: 65537 },
  { ...sin, length: 2.5 }, { ...sin, length: 'abc' }, { ...sin, dim: '4x' }, { ...sin, length: '' },
  { ...sin, length: 'NaN' }, { ...sin, dim: 'Infinity' }, { ...sin, base: 'NaN' }, { ...sin, base: 'Infinity' },
  { ...sin, base: '-Infinity' }, { ...sin, base: 1 }, { ...sin, base: 0.5 }, { ...sin, base: 'ten' }, { ...sin, base: 1e13 },
  { ...sin, seed: -1 }, { ...sin, seed: 2 ** 53 }, { ...sin, seed: 1.5 },
  { scheme: 'learned', length: 8, dim: 4, maxLength: 4 }, { scheme: 'learned', length: 4, dim: 4, maxLength: 0 },
  { ...sin, foo: 1 }, { ...sin, heads: 2 }, { ...sin, help: 'yes' },
  { ...sin, scheme: 'rope' }, { ...sin, scheme: 'Sinusoidal' }, { ...sin, layout: 'diagonal' }, { ...sin, spacing: 'even' },
  { ...sin, format: 'tsv' },
  { scheme: 'sinusoidal', length: 200000, dim: 4096 }, { scheme: 'learned', length: 4, dim: 65536, maxLength: 1048576 });
// An option of another scheme is an error, never silently ignored.
no('encode',
  { scheme: 'random', length: 2, dim: 2, layout: 'concat' }, { ...sin, seed: 3 }, { scheme: 'index', length: 2, dim: 2, maxLength: 8 },
  { scheme: 'learned', length: 2, dim: 2, base: 100 }, { scheme: 'none', length: 2, dim: 2, spacing: 'paper' });
no('metrics', { scheme: 'random', length: 4, dim: 4, base: 100 }, { scheme: 'sinusoidal', length: 4, dim: 4, maxLength: 8 });
no('t5Bucket', { positions: [1], numBuckets: 1 });
no('ropeApply', { pairing: 'half', position: 0, vector: [1] });

no('relative',
  {}, { length: 0 }, { length: -3 }, { length: 1048577 }, { length: 'x' }, { length: 'NaN' }, { length: 2.5 },
  { length: 4, clip: -1 }, { length: 4, clip: 'NaN' }, { length: 4, clip: 1.5 }, { length: 4, clip: 'Infinity' },
  { length: 4, causal: true }, { length: 4, format: 'xml' },
  { length: 1048576 }, { length: 16384 });

no('t5Bucket',
  {}, { positions: '' }, { positions: '1,,2' }, { positions: '1,x' }, { positions: 'NaN' }, { positions: 'Infinity' },
  { positions: [1.5] }, { positions: [2 ** 40 + 1] }, { positions: [-(2 ** 40) - 1] },
  { positions: [1], numBuckets: 3 }, { positions: [1], numBuckets: 0 }, { positions: [1], numBuckets: -2 },
  { positions: [1], numBuckets: 1, causal: true }, { positions: [1], numBuckets: 'many' }, { positions: [1], numBuckets: 2 ** 21 },
  { positions: [1], maxDistance: 3 }, { positions: [1], maxDistance: 'NaN' }, { positions: [1], maxDistance: -1 },
  { positions: [1], causal: 'yes' }, { positions: [1], bidirectional: true }, { positions: [1], format: 'yaml' });

no('alibi',
  {}, { length: 4 }, { heads: 0 }, { heads: -1 }, { heads: 1025 }, { heads: 'two' }, { heads: 'Infinity' }, { heads: 2.5 },
  { heads: 2, length: 0 }, { heads: 2, length: 'NaN' }, { heads: 2, symmetric: 'true' }, { heads: 2, slope: 1 },
  { heads: 2, format: 'yaml' }, { heads: 1, length: 1048576 }, { heads: 1024, length: 1024 });

const yarn = { dim: 16, scaling: 'yarn', factor: 4 };
no('ropeFreqs',
  {}, { base: 100 }, { dim: 1 }, { dim: 0 }, { dim: -4 }, { dim: 3 }, { dim: 65538 }, { dim: 'sixteen' }, { dim: 'NaN' },
  { dim: 16, base: 1 }, { dim: 16, base: 'Infinity' }, { dim: 16, scaling: 'rope' }, { dim: 16, scaling: 'linear' },
  { dim: 16, scaling: 'linear', factor: 0.5 }, { dim: 16, scaling: 'linear', factor: 'NaN' }, { dim: 16, scaling: 'linear', factor: 1e7 },
  { dim: 16, factor: 2 }, { dim: 16, seqLen: 5 }, { dim: 16, scaling: 'linear', factor: 2, betaFast: 3 },
  { dim: 16, scaling: 'dynamic', factor: 2, lowFreqFactor: 1 }, { dim: 16, scaling: 'dynamic', factor: 2, originalMaxLength: 0 },
  { ...yarn, betaFast: 1, betaSlow: 2 }, { ...yarn, betaSlow: 0 }, { ...yarn, betaFast: 'fast' },
  { dim: 16, scaling: 'llama3', factor: 8, lowFreqFactor: 4, highFreqFactor: 4 },
  { dim: 16, partial: 0 }, { dim: 16, partial: 1.5 }, { dim: 4, partial: 0.3 }, { dim: 16, partial: -0.5 },
  { dim: 16, pairing: 'half' }, { dim: 16, format: 'txt' });

const rot = { pairing: 'half', position: 1, vector: [1, 2, 3, 4] };
no('ropeApply',
  {}, { position: 1, vector: [1, 2] }, { pairing: 'half', vector: [1, 2] }, { pairing: 'half', position: 1 },
  { ...rot, pairing: 'both' }, { ...rot, pairing: 'Half' }, { ...rot, position: 'NaN' }, { ...rot, position: 'Infinity' },
  { ...rot, position: 'one' }, { ...rot, position: 2 ** 41 }, { ...rot, position: -(2 ** 41) },
  { ...rot, vector: '' }, { ...rot, vector: '1,,2,3' }, { ...rot, vector: '1,x,3,4' }, { ...rot, vector: [1, 2, 3] },
  { ...rot, vector: ['Infinity', 1] }, { ...rot, vector: ['NaN', 1] }, { ...rot, vector: [1] },
  { ...rot, base: 'abc' }, { ...rot, base: 0 }, { ...rot, scaling: 'yarn' }, { ...rot, scaling: 'ntk', factor: 0 },
  { ...rot, seqLen: 10 }, { ...rot, partial: 0.25 }, { ...rot, causal: true }, { ...rot, format: 'csv' });

no('ropeDecay',
  {}, { dim: 8 }, { maxDistance: 4 }, { dim: 3, maxDistance: 4 }, { dim: 0, maxDistance: 4 }, { dim: 'x', maxDistance: 4 },
  { dim: 8, maxDistance: -1 }, { dim: 8, maxDistance: 'NaN' }, { dim: 8, maxDistance: 2.5 },
  { dim: 8, maxDistance: 4, step: 0 }, { dim: 8, maxDistance: 4, step: -1 }, { dim: 8, maxDistance: 4, step: 'Infinity' },
  { dim: 8, maxDistance: 4, base: 1 }, { dim: 8, maxDistance: 4, scaling: 'linear' }, { dim: 8, maxDistance: 4, format: 'png' },
  { dim: 65536, maxDistance: 1000000 });

const fire = { length: 4, heads: 2 };
no('fire',
  {}, { length: 4 }, { heads: 2 }, { ...fire, length: 0 }, { ...fire, heads: 0 }, { ...fire, heads: 1025 },
  { ...fire, length: 'four' }, { ...fire, heads: 'NaN' },
  { ...fire, c: 0 }, { ...fire, c: -1 }, { ...fire, c: 'Infinity' }, { ...fire, threshold: 0.5 }, { ...fire, threshold: 'NaN' },
  { ...fire, hidden: 0 }, { ...fire, hidden: 4097 }, { ...fire, eps: 2 }, { ...fire, eps: -0.1 }, { ...fire, seed: -1 },
  { ...fire, causal: true }, { ...fire, format: 'x' }, { length: 1048576, heads: 1 }, { length: 8192, heads: 8 });

const conv = { length: 4, dim: 2 };
no('conv',
  {}, { length: 4 }, { dim: 2 }, { ...conv, length: 0 }, { ...conv, dim: 0 }, { ...conv, dim: -2 }, { ...conv, dim: 'two' },
  { ...conv, kernel: 2 }, { ...conv, kernel: 0 }, { ...conv, kernel: 1025 }, { ...conv, kernel: 'NaN' },
  { ...conv, layers: 0 }, { ...conv, layers: 257 }, { ...conv, content: 'zeros' }, { ...conv, seed: 'x' },
  { ...conv, padding: 'same' }, { ...conv, format: 'x' }, { length: 200000, dim: 4096 });

const met = { scheme: 'sinusoidal', length: 4, dim: 4 };
no('metrics',
  {}, { scheme: 'sinusoidal', dim: 4 }, { ...met, length: 1 }, { ...met, length: 4097 }, { ...met, dim: 0 },
  { ...met, scheme: 'rope' }, { ...met, scheme: 'alibi' }, { ...met, length: 'NaN' }, { ...met, base: 'Infinity' },
  { ...met, wordScale: 0 }, { ...met, wordScale: -1 }, { ...met, wordScale: 'NaN' },
  { scheme: 'learned', length: 8, dim: 4, maxLength: 4 }, { ...met, layout: 'x' }, { ...met, heads: 2 }, { ...met, format: 'x' });

const sim = { scheme: 'sinusoidal', length: 4, dim: 4 };
no('similarity',
  {}, { scheme: 'sinusoidal', dim: 4 }, { scheme: 'sinusoidal', length: 4 }, { ...sim, length: 1 }, { ...sim, length: 0 },
  { ...sim, length: 4097 }, { ...sim, dim: 0 }, { ...sim, length: 'NaN' }, { ...sim, scheme: 'rope' },
  { ...sim, measure: 'euclid' }, { ...sim, measure: 'Cosine' }, { ...sim, measure: '' },
  { ...sim, seed: 1 }, { scheme: 'random', length: 4, dim: 4, base: 100 }, { scheme: 'index', length: 4, dim: 4, maxLength: 8 },
  { scheme: 'learned', length: 8, dim: 4, maxLength: 4 }, { ...sim, wordScale: 1 }, { ...sim, format: 'x' },
  { scheme: 'index', length: 4096, dim: 1025 });

const emb = { scheme: 'index', length: 4, dim: 4 };
no('embed',
  {}, { length: 4, dim: 4 }, { scheme: 'index', dim: 4 }, { scheme: 'index', length: 4 }, { ...emb, length: 0 },
  { ...emb, dim: 65537 }, { ...emb, scheme: 'alibi' },
  { ...emb, wordScale: 0 }, { ...emb, wordScale: -1 }, { ...emb, wordScale: 'NaN' }, { ...emb, wordScale: 'Infinity' },
  { ...emb, wordScale: 1e7 }, { ...emb, wordSeed: -1 }, { ...emb, wordSeed: 2 ** 53 }, { ...emb, wordSeed: 1.5 },
  { ...emb, base: 100 }, { ...emb, seed: 3 }, { scheme: 'sinusoidal', length: 4, dim: 4, maxLength: 8 },
  { ...emb, measure: 'dot' }, { ...emb, format: 'x' }, { scheme: 'none', length: 1048576, dim: 128 });

const att = { scheme: 'none', length: 3, heads: 1, dim: 2 };
const rope = { ...att, scheme: 'rope' };
no('attention',
  {}, { length: 3, heads: 1, dim: 2 }, { scheme: 'none', heads: 1, dim: 2 }, { scheme: 'none', length: 3, dim: 2 },
  { scheme: 'none', length: 3, heads: 1 },
  { ...att, scheme: 'xyz' }, { ...att, scheme: 'ALiBi' }, { ...att, length: 0 }, { ...att, heads: 0 }, { ...att, heads: 1025 },
  { ...att, dim: 0 }, { ...att, dim: -1 }, { ...att, dim: 'NaN' }, { ...att, length: 'Infinity' }, { ...att, seed: -1 },
  { ...rope, dim: 3 }, { ...att, causal: 'yes' }, { ...att, weights: 1 }, { ...att, inputs: 'no' },
  { ...att, permute: [0, 0, 1] }, { ...att, permute: [0, 1] }, { ...att, permute: [0, 1, 3] }, { ...att, permute: 'a,b,c' },
  { ...att, permute: [0, 1, 2, 3] }, { ...att, permute: [-1, 0, 1] },
  { ...att, offset: -1 }, { ...att, offset: 2 ** 40 }, { ...att, offset: 'NaN' },
  { ...att, scheme: 'alibi', pairing: 'half' }, { ...att, scheme: 'alibi', clip: 3 }, { ...att, numBuckets: 8 },
  { ...rope, c: 0.5 }, { ...rope, layout: 'concat' }, { ...att, scheme: 'sinusoidal', pairing: 'half' },
  { ...rope, pairing: 'both' }, { ...rope, scaling: 'linear' }, { ...rope, scaling: 'yarn', factor: 2, seqLen: 4 },
  { ...att, scheme: 't5', numBuckets: 3 }, { ...att, scheme: 'fire', threshold: 0 }, { ...att, scheme: 'relative', clip: -1 },
  { ...att, scheme: 'relative-bias', initStd: 0 }, { ...att, scheme: 'relative', initStd: 11 },
  { ...att, scheme: 'learned', maxLength: 2 }, { ...att, scheme: 'learned', offset: 2, maxLength: 4 },
  { ...att, format: 'csv' }, { ...att, foo: 1 },
  { scheme: 'none', length: 100000, heads: 1, dim: 1, weights: true },
  { scheme: 'alibi', length: 20000, heads: 1, dim: 1, scores: true },
  { scheme: 'none', length: 1048576, heads: 1024, dim: 1 },
  { scheme: 'none', length: 65536, heads: 16, dim: 128, inputs: true });

// train: tiny runs (a few steps of a 4- or 8-wide model) so both suites stay fast;
// `seconds` is wall time and is compared by type only (tests/wasm/support.mjs).
const tiny = { trainLength: 2, steps: 3, dim: 8, heads: 2, batch: 2, evalExamples: 2 };
ok('train',
  { scheme: 'rope', ...tiny },
  { scheme: 'learned', ...tiny, evalLengths: [1, 2, 3, 4] },
  { scheme: 'alibi', ...tiny, task: 'reverse', layers: 1 },
  { scheme: 't5', ...tiny, seed: 7 },
  { scheme: 'fire', ...tiny, evalLengths: [2, 16] },
  { scheme: 'none', ...tiny, steps: 0 },
  { scheme: 'sinusoidal', ...tiny, vocab: 3, lr: 0.01, weightDecay: 0 });
const tr = { scheme: 'rope', ...tiny };
no('train',
  {}, { ...tiny }, { ...tr, scheme: 'alibi2' }, { ...tr, task: 'sort' }, { ...tr, trainLength: 0 }, { ...tr, trainLength: 65 },
  { ...tr, evalLengths: [2, 0] }, { ...tr, evalLengths: [513] }, { ...tr, evalLengths: 'a,b' },
  { ...tr, evalLengths: Array.from({ length: 17 }, (_, i) => i + 1) },
  { ...tr, steps: -1 }, { ...tr, steps: 100001 }, { ...tr, steps: 1.5 }, { ...tr, seed: -1 },
  { ...tr, layers: 0 }, { ...tr, layers: 5 }, { ...tr, dim: 1 }, { ...tr, heads: 0 }, { ...tr, dim: 12, heads: 5 },
  { ...tr, dim: 12, heads: 4 }, { ...tr, batch: 0 }, { ...tr, lr: 0 }, { ...tr, lr: 'NaN' }, { ...tr, weightDecay: 2 },
  { ...tr, vocab: 1 }, { ...tr, evalExamples: 0 }, { ...tr, format: 'csv' }, { ...tr, length: 8 });

const out = fileURLToPath(new URL('./commands.json', import.meta.url));
const lines = (list) => list.map((c) => '    ' + JSON.stringify(c)).join(',\n');
writeFileSync(out, `{\n  "valid": [\n${lines(valid)}\n  ],\n  "bad": [\n${lines(bad)}\n  ]\n}\n`);
console.log(`${out}: ${valid.length} valid, ${bad.length} bad cases`);
