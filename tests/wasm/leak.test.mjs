// Leaks: a PosencError costs nothing in wasm memory. 100,000 throws (a mix of bad
// cases: an unknown option, out of range, a flag given a value, a bad permutation,
// an output over the size limit) leave malloc's bytes in use and the size of wasm
// memory where they were after a warm-up round; and 1,000 valid mid-size calls
// return malloc to its baseline (results are JS-owned copies, nothing stays behind).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModule } from './support.mjs';

const { pe, PosencError } = await loadModule();

const BAD = [
  ['encode', { scheme: 'sinusoidal', length: 8, dim: 8, foo: 1 }],
  ['encode', { scheme: 'sinusoidal', length: 200000, dim: 4096 }],
  ['relative', { length: 0 }],
  ['t5Bucket', { positions: [1, 2], causal: 'yes' }],
  ['ropeApply', { pairing: 'half', position: 'NaN', vector: [1, 2] }],
  ['attention', { scheme: 'rope', length: 4, heads: 2, dim: 4, permute: [0, 0, 1, 2] }],
  ['fire', { length: 4 }]
];

function throwAll(rounds) {
  let thrown = 0;
  for (let i = 0; i < rounds; i++) {
    const [command, options] = BAD[i % BAD.length];
    try {
      pe[command](options);
    } catch (e) {
      if (!(e instanceof PosencError)) throw e;
      thrown++;
    }
  }
  return thrown;
}

test('100,000 thrown errors do not grow the wasm heap', () => {
  assert.equal(throwAll(10 * BAD.length), 10 * BAD.length); // warm-up: lazily built statics
  const before = pe.memory();
  assert.equal(throwAll(100000), 100000);
  const after = pe.memory();
  assert.equal(after.heapInUse, before.heapInUse, 'malloc bytes in use');
  assert.equal(after.memoryBytes, before.memoryBytes, 'wasm memory size');
});

test('1,000 valid mid-size calls return the heap to its baseline', () => {
  const calls = [
    () => pe.encode({ scheme: 'sinusoidal', length: 256, dim: 64 }).data,
    () => pe.attention({ scheme: 'alibi', length: 32, heads: 4, dim: 8, causal: true, weights: true }).weights,
    () => pe.relative({ length: 48, clip: 4 }).index,
    () => pe.fire({ length: 24, heads: 2 }).bias
  ];
  for (const call of calls) call(); // warm-up
  const before = pe.memory().heapInUse;
  const kept = [];
  for (let i = 0; i < 1000; i++) kept.push(calls[i % calls.length]());
  assert.equal(pe.memory().heapInUse, before, 'malloc bytes in use');
  // What was returned is the caller's: a typed array that outlives later calls.
  assert.equal(kept.length, 1000);
  assert.equal(kept[0].length, 256 * 64);
  assert.deepEqual(kept[0].shape, [256, 64]);
  assert.ok(kept[0][64 + 0] > 0.84 && kept[0][64 + 0] < 0.842, 'row 1 starts with sin(1)');
});
