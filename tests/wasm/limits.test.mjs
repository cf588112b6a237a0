// pe.limits is `posenc --limits` in camelCase, frozen; and past each general
// limit (L, D, H, position, output bytes) the JS API throws the CLI's own line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModule, camel } from './support.mjs';
import { json, posenc } from '../cli/run.mjs';

const { pe, PosencError } = await loadModule();
const limits = json('--limits');

test('pe.limits: the CLI table, camelCase, frozen', () => {
  assert.deepEqual({ ...pe.limits }, Object.fromEntries(Object.entries(limits).map(([k, v]) => [camel(k), v])));
  assert.ok(Object.isFrozen(pe.limits));
  assert.throws(() => { 'use strict'; pe.limits.maxLength = 1; }, TypeError);
});

const past = (L) => [
  ['encode', { scheme: 'sinusoidal', length: L.maxLength + 1, dim: 1 }, 'length'],
  ['encode', { scheme: 'sinusoidal', length: 1, dim: L.maxDim + 1 }, 'dim'],
  ['alibi', { heads: L.maxHeads + 1 }, 'heads'],
  ['ropeApply', { pairing: 'half', position: L.maxPosition + 1, vector: [1, 2] }, 'position'],
  ['encode', { scheme: 'sinusoidal', length: L.maxLength, dim: 257 }, 'length'], // 1 GiB + 4 MiB of output
  ['attention', { scheme: 'alibi', length: 16384, heads: 2, dim: 2, weights: true }, 'weights'],
];

for (const [command, options, argument] of past(pe.limits)) {
  test(`past the limit: ${command} ${JSON.stringify(options)} throws the CLI's line, naming ${argument}`, () => {
    const words = Object.entries(options).map(([k, v]) => (v === true ? `--${k}` : `--${k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}=${v}`));
    const r = posenc(command.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()), ...words);
    assert.equal(r.code, 2, r.stderr);
    let thrown;
    assert.throws(() => pe[command](options), (e) => (thrown = e) instanceof PosencError);
    assert.equal(thrown.message, r.stderr.trim());
    assert.equal(thrown.argument, argument);
    // the module stays usable
    assert.equal(pe.encode({ scheme: 'sinusoidal', length: 2, dim: 2 }).data.length, 4);
  });
}
