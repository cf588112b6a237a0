// Memory limits: a request whose result would not fit in the 1 GiB output limit
// is a PosencError with the CLI's own line, raised before anything is allocated
// (wasm memory does not grow), never an abort. And a request that passes that
// check but needs more than the module's 2 GiB wasm memory (relative at
// L = 11585: two int64 L x L matrices of 1 GiB each) is a PosencError
// "posenc relative: out of memory", after which the module still works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModule, cli, label, assertSame } from './support.mjs';

const { pe, PosencError } = await loadModule();

const TOO_BIG = [
  { command: 'encode', options: { scheme: 'sinusoidal', length: 200000, dim: 4096 } },
  { command: 'encode', options: { scheme: 'learned', length: 16, dim: 65536, maxLength: 1048576 } },
  { command: 'relative', options: { length: 1048576 } },
  { command: 'alibi', options: { heads: 64, length: 8192 } },
  { command: 'fire', options: { length: 65536, heads: 1 } },
  { command: 'conv', options: { length: 1048576, dim: 65536 } },
  { command: 'ropeDecay', options: { dim: 65536, maxDistance: 1000000 } },
  { command: 'attention', options: { scheme: 'none', length: 1048576, heads: 1, dim: 1, weights: true } },
  { command: 'attention', options: { scheme: 'alibi', length: 16385, heads: 1, dim: 1, causal: true, scores: true } },
  { command: 'attention', options: { scheme: 'none', length: 1048576, heads: 1024, dim: 64 } },
  { command: 'attention', options: { scheme: 'rope', length: 4096, heads: 64, dim: 512, inputs: true } }
];

// A small call whose result is checked against the CLI: the module still works.
function stillWorks() {
  const ok = { command: 'attention', options: { scheme: 'rope', length: 6, heads: 2, dim: 4, causal: true, weights: true } };
  const r = cli(ok);
  assert.equal(r.code, 0, r.stderr);
  assertSame(pe.attention(ok.options), JSON.parse(r.stdout), label(ok));
}

for (const c of TOO_BIG) {
  test(`too big: ${label(c)}`, () => {
    const r = cli(c);
    assert.equal(r.code, 2, `the CLI exited ${r.code} (${r.signal}): ${r.stderr}`);
    const line = r.stderr.trim();
    assert.match(line, /; allowed: (sizes whose output fits in 1 GiB|at most \d+ terms)/);
    const refused = (e) => e instanceof PosencError && e.message === line;
    const first = pe.memory();
    assert.throws(() => pe[c.command](c.options), refused);
    assert.equal(pe.memory().memoryBytes, first.memoryBytes, 'refused before allocating the result');
    // The first call of a command may build its static tables; a second leaves all as it was.
    const before = pe.memory();
    assert.throws(() => pe[c.command](c.options), refused);
    assert.deepEqual(pe.memory(), before);
  });
}

test('the size check alone lets through a request that needs more than the 2 GiB wasm memory: out of memory, then still usable', () => {
  const big = { length: 11585 }; // 11585^2 x 8 bytes = 0.9999 GiB per matrix: under the limit
  pe.relative({ length: 2 }); // builds the command's statics, if any, before the baseline
  const baseline = pe.memory().heapInUse;
  assert.throws(() => pe.relative(big), (e) => e instanceof PosencError &&
    (e.message === 'posenc relative: out of memory' || e.message.includes('sizes whose output fits')));
  assert.equal(pe.memory().heapInUse, baseline, 'what was allocated before the failure was freed');
  stillWorks();
  // A second such failure, after memory has grown, is the same clean error.
  assert.throws(() => pe.encode({ scheme: 'learned', length: 16384, dim: 16384 }),
    (e) => e instanceof PosencError && e.message === 'posenc encode: out of memory');
  stillWorks();
});
