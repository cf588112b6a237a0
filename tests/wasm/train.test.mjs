// The lab's trainer in WebAssembly: pe.trainer (stateful) against pe.train, the
// same errors as the CLI, the module usable after them, nothing leaked; and the
// same seed giving the same loss curve and accuracies natively (build/native's
// or $POSENC_BIN's `posenc train`) and in wasm.
//
// Native vs wasm tolerance: |loss_wasm - loss_native| <= 1e-6 max(1, |loss|) per
// step, accuracies equal. Both builds run the same float32 operations in the same
// order (-ffp-contract=off, no libm in the training math: the core's exp and
// sincos), so they agree bit for bit in practice; the CLI prints 9 digits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModule, cli } from './support.mjs';

const { pe, PosencError } = await loadModule();

const small = { scheme: 'rope', trainLength: 4, steps: 12, dim: 16, heads: 2, batch: 4, evalExamples: 4, seed: 3 };
const withoutSeconds = ({ seconds, ...rest }) => rest;

test('a trainer stepped to the end gives what pe.train gives (but seconds)', () => {
  const t = pe.trainer(small);
  try {
    assert.equal(t.steps, 12);
    assert.equal(t.done, false);
    const parts = [t.step(5), t.step(5), t.step(5), t.step(5)];
    assert.deepEqual(parts.map((p) => p.length), [5, 5, 2, 0], 'never past steps');
    assert.ok(parts.every((p) => p instanceof Float32Array));
    assert.equal(t.done, true);
    assert.equal(t.stepsDone, 12);
    const stepped = t.result();
    const whole = pe.train(small);
    assert.deepEqual(withoutSeconds(stepped), withoutSeconds(whole));
    assert.deepEqual([...stepped.loss], parts.flatMap((p) => [...p]));
    assert.ok(stepped.loss instanceof Float32Array && whole.loss instanceof Float32Array);
    assert.deepEqual(Object.keys(whole), ['scheme', 'task', 'trainLength', 'loss', 'accuracy', 'seconds']);
    assert.deepEqual(Object.keys(whole.accuracy), ['4', '8', '16', '32']);
    assert.ok(typeof whole.seconds === 'number' && whole.seconds >= 0);
  } finally {
    t.delete();
  }
});

test('the same seed gives the same loss curve and accuracies natively and in wasm', () => {
  for (const options of [small, { ...small, scheme: 'fire', task: 'reverse' }, { ...small, scheme: 'learned' },
    { ...small, scheme: 't5', steps: 30 }]) {
    const r = cli({ command: 'train', options });
    assert.equal(r.code, 0, r.stderr);
    const native = JSON.parse(r.stdout);
    const wasm = pe.train(options);
    assert.equal(wasm.loss.length, native.loss.length);
    native.loss.forEach((want, k) => {
      assert.ok(Math.abs(wasm.loss[k] - want) <= 1e-6 * Math.max(1, Math.abs(want)),
        `${options.scheme} step ${k}: wasm ${wasm.loss[k]}, native ${want}`);
    });
    assert.deepEqual(wasm.accuracy, native.accuracy);
  }
});

test('learned beyond its table is null (cannot run), not 0, in the CLI JSON and in JS', () => {
  const options = { ...small, scheme: 'learned', evalLengths: [4, 5, 8] };
  const r = cli({ command: 'train', options });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /"accuracy":\{"4":[0-9.e-]+,"5":null,"8":null\}/);
  const js = pe.train(options).accuracy;
  assert.equal(js['5'], null);
  assert.equal(typeof js['4'], 'number');
});

test('bad options throw the CLI\'s PosencError and the module stays usable', () => {
  for (const options of [{ ...small, trainLength: 0 }, { ...small, heads: 3 }, { ...small, scheme: 'xyz' }, { ...small, bogus: 1 }]) {
    const r = cli({ command: 'train', options });
    assert.equal(r.code, 2);
    assert.throws(() => pe.trainer(options), (e) => e instanceof PosencError && e.message === r.stderr.trim() &&
      e.command === 'train');
  }
  assert.throws(() => pe.trainer('rope'), PosencError);
  const t = pe.trainer(small);
  assert.throws(() => t.step(-1), (e) => e instanceof PosencError && e.argument === 'n');
  assert.throws(() => t.step(1.5), PosencError);
  assert.throws(() => t.step('2'), PosencError);
  assert.equal(t.step(2).length, 2);
  t.delete();
  t.delete(); // safe twice
  assert.throws(() => t.step(1), /after delete/);
  assert.equal(pe.train({ ...small, steps: 2 }).loss.length, 2);
});

test('trainers made and deleted, and failed configurations, leave the heap where it was', () => {
  const round = () => {
    for (let k = 0; k < 20; k++) {
      const t = pe.trainer({ ...small, steps: 1 });
      t.step(1);
      t.result();
      t.delete();
      assert.throws(() => pe.trainer({ ...small, dim: 0 }), PosencError);
    }
  };
  round(); // warm-up
  const before = pe.memory().heapInUse;
  round();
  assert.equal(pe.memory().heapInUse, before);
});
