// posenc relative, t5-bucket, alibi: the pairwise schemes through the CLI, and
// their bad-input errors (one line, exit 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { posenc, json, fails, close } from './run.mjs';

test('relative --clip: Shaw indices clip(j - i, -k, k) + k, L = 5, k = 2 (by hand from the paper)', () => {
  const r = json('relative', '--length', 5, '--clip', 2);
  assert.equal(r.length, 5);
  assert.equal(r.clip, 2);
  assert.deepEqual(r.distance, [0, 1, 2, 3, 4].map((i) => [0, 1, 2, 3, 4].map((j) => j - i)));
  assert.deepEqual(r.index, [
    [2, 3, 4, 4, 4],
    [1, 2, 3, 4, 4],
    [0, 1, 2, 3, 4],
    [0, 0, 1, 2, 3],
    [0, 0, 0, 1, 2],
  ]);
  assert.equal(r.unique, 5); // 2k + 1 (the notebook's 2k - 1 is an erratum)
});

test('relative: the notebook figure, L = 10 clipped at k = 7, has 2k + 1 = 15 encodings', () => {
  const r = json('relative', '--length', 10, '--clip', 7);
  assert.equal(r.unique, 15);
  assert.equal(new Set(r.index.flat()).size, 15);
  assert.equal(r.distance[6][1], -5); // query 6, key 1
  assert.equal(r.distance[6][8], 2);
});

test('relative without --clip: index = j - i + (L - 1), 2L - 1 distinct', () => {
  const r = json('relative', '--length', 4);
  assert.equal(r.clip, undefined);
  assert.deepEqual(r.index, [
    [3, 4, 5, 6],
    [2, 3, 4, 5],
    [1, 2, 3, 4],
    [0, 1, 2, 3],
  ]);
  assert.equal(r.unique, 7);
});

test('relative --format csv: a long table i,j,distance,index', () => {
  const r = posenc('relative', '--length', 2, '--clip', 0, '--format', 'csv');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'i,j,distance,index\n0,0,0,0\n0,1,1,0\n1,0,-1,0\n1,1,0,0\n');
});

test('t5-bucket: HF T5 defaults (32, 128), bidirectional and causal, vs torch', () => {
  // Expected values: tests/reference/t5_buckets.py (torch 1.13, HF's definition).
  const positions = [-1000, -128, -90, -64, -45, -32, -22, -16, -11, -8, -1, 0, 1, 8, 11, 16, 22, 32, 45, 64, 90, 128, 1000];
  const bi = json('t5-bucket', '--positions', positions.join(','));
  assert.deepEqual(bi.buckets, [15, 15, 14, 14, 12, 12, 10, 10, 8, 8, 1, 0, 17, 24, 24, 26, 26, 28, 28, 30, 30, 31, 31]);
  assert.equal(bi.num_buckets, 32);
  assert.equal(bi.max_distance, 128);
  assert.equal(bi.causal, false);
  const causal = json('t5-bucket', '--positions', positions.join(','), '--causal');
  assert.deepEqual(causal.buckets, [31, 31, 29, 26, 23, 21, 18, 16, 11, 8, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
});

test('t5-bucket: (64, 256) and a float32 boundary case (9, 128, causal) vs torch', () => {
  const r = json('t5-bucket', '--positions', '-1000,-128,-64,-32,-16,16,32,64,128,1000', '--num-buckets', 64, '--max-distance', 256);
  assert.deepEqual(r.buckets, [31, 28, 24, 20, 16, 48, 52, 56, 60, 63]);
  // log(2)/log(32)*5 is exactly 1: float32 (torch) gives bucket 5, double would give 4.
  const f = json('t5-bucket', '--positions', '-8,-16,-64', '--num-buckets', 9, '--max-distance', 128, '--causal');
  assert.deepEqual(f.buckets, [5, 6, 8]);
});

test('alibi: H = 8 slopes are 1/2 .. 1/256 (the paper); no bias without --length', () => {
  const r = json('alibi', '--heads', 8);
  assert.deepEqual(r.slopes, [1 / 2, 1 / 4, 1 / 8, 1 / 16, 1 / 32, 1 / 64, 1 / 128, 1 / 256]);
  assert.equal(r.bias, undefined);
});

test('alibi: H = 6 follows the reference rule, not a geometric sequence', () => {
  // get_slopes(6) = get_slopes(4) + get_slopes(8)[0::2][:2] = 2^-2, 2^-4, 2^-6, 2^-8, 2^-1, 2^-3.
  const r = json('alibi', '--heads', 6);
  assert.deepEqual(r.slopes, [0.25, 0.0625, 0.015625, 0.00390625, 0.5, 0.125]);
});

test('alibi --length: causal bias -m (i - j), null above the diagonal', () => {
  const r = json('alibi', '--heads', 2, '--length', 3);
  assert.equal(r.length, 3);
  assert.equal(r.symmetric, false);
  const m = [1 / 16, 1 / 256];
  close(r.bias, m.map((s) => [
    [0, null, null],
    [-s, 0, null],
    [-2 * s, -s, 0],
  ]), 0);
});

test('alibi --symmetric: -m |i - j| everywhere', () => {
  const r = json('alibi', '--heads', 1, '--length', 3, '--symmetric');
  const s = 1 / 256;
  close(r.bias, [[
    [0, -s, -2 * s],
    [-s, 0, -s],
    [-2 * s, -s, 0],
  ]], 0);
});

test('relative, t5-bucket, alibi: bad input is one line and exit 2', () => {
  fails('--length', 'relative', '--length', 0);
  fails('--length', 'relative', '--clip', 2);
  fails('--length', 'relative', '--length', 20000); // 3 GiB of int64
  fails('--clip', 'relative', '--length', 4, '--clip', -1);
  fails('--clip', 'relative', '--length', 4, '--clip', 'x');
  fails('--format', 'relative', '--length', 4, '--format', 'xml');

  fails('--positions', 't5-bucket');
  fails('--positions', 't5-bucket', '--positions', '1,,2');
  fails('--positions', 't5-bucket', '--positions', '1.5');
  fails('--positions', 't5-bucket', '--positions', String(2 ** 40 + 1));
  fails('--num-buckets', 't5-bucket', '--positions', 1, '--num-buckets', 31); // odd, bidirectional
  fails('--num-buckets', 't5-bucket', '--positions', 1, '--num-buckets', 2); // 1 bucket per side
  fails('--num-buckets', 't5-bucket', '--positions', 1, '--num-buckets', 1, '--causal');
  fails('--max-distance', 't5-bucket', '--positions', 1, '--max-distance', 8); // = max_exact
  fails('--max-distance', 't5-bucket', '--positions', 1, '--max-distance', 0);
  fails('--causal', 't5-bucket', '--positions', 1, '--causal=yes');

  fails('--heads', 'alibi');
  fails('--heads', 'alibi', '--heads', 0);
  fails('--heads', 'alibi', '--heads', 1025);
  fails('--length', 'alibi', '--heads', 8, '--length', 0);
  fails('--length', 'alibi', '--heads', 16, '--length', 10000); // 6 GiB
  fails('--symmetric', 'alibi', '--heads', 8, '--symmetric');
});
