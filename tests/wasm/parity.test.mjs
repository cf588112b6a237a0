// Parity: every valid case of tests/cases/commands.json gives, through the JS
// API, the document the native CLI prints for the same options (keys camelCased,
// arrays as typed arrays with their shape, 1e-6 tolerance: see support.mjs); the
// same holds for `format: 'csv'` (byte for byte) and `help: true` (the help text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASES, COMMANDS, loadModule, cli, label, assertSame, kebab } from './support.mjs';
import { posenc } from '../cli/run.mjs';

const { pe, PosencError } = await loadModule();

test(`the cases cover all ${COMMANDS.length} commands, and the module exports exactly those`, () => {
  assert.deepEqual([...pe.commands].sort(), [...COMMANDS].sort());
  const covered = new Set(CASES.valid.map((c) => c.command));
  for (const command of COMMANDS) assert.ok(covered.has(command), `no valid case for ${command}`);
});

for (const c of CASES.valid) {
  test(`json: ${label(c)}`, () => {
    const r = cli(c);
    assert.equal(r.code, 0, `the CLI failed: ${r.stderr}`);
    assertSame(pe[c.command](c.options), JSON.parse(r.stdout), label(c));
  });
}

// csv: the same text as the CLI's, or, where the CLI refuses csv for these
// options, the same error. Byte for byte where both sides compute bit-identical
// floats; a value at rounding-noise level (metrics' order_spread, ~1e-8, comes
// out of float32 sums that native and wasm round differently) may differ in its
// digits, so cells are held to the JSON tolerance and identity is counted: every
// command that prints csv must match byte for byte on at least one case.
const identical = new Set();
for (const c of CASES.valid) {
  test(`csv: ${label(c)}`, (t) => {
    const r = cli(c, '--format=csv');
    const options = { ...c.options, format: 'csv' };
    if (r.code !== 0) {
      assert.equal(r.code, 2, r.stderr);
      assert.throws(() => pe[c.command](options), (e) => e instanceof PosencError && e.message === r.stderr.trim());
      return;
    }
    const text = pe[c.command](options);
    assert.equal(typeof text, 'string');
    assert.ok(text.length > 0);
    if (text === r.stdout) {
      identical.add(c.command);
      return;
    }
    // Not identical: same rows and cells, numbers within tolerance, text cells equal.
    const cells = (s) => s.split('\n').map((line) => line.split(','));
    const rows = (s) => cells(s).map((row) => row.map((x) => (x !== '' && Number.isFinite(Number(x)) ? Number(x) : x)));
    assertSame(rows(text), rows(r.stdout), `csv of ${label(c)}`);
    t.diagnostic('csv equal within tolerance, not byte for byte');
  });
}

test('csv matched the CLI byte for byte for every command that prints csv', () => {
  // Which commands take --format is read from the CLI's help, not from the module.
  const withCsv = COMMANDS.filter((command) => posenc(kebab(command), '--help').stdout.includes('--format'));
  assert.ok(withCsv.length >= 9, `commands with --format: ${withCsv}`);
  assert.deepEqual([...identical].sort(), withCsv.sort());
});

for (const command of COMMANDS) {
  test(`help: ${command}`, () => {
    const r = posenc(kebab(command), '--help');
    assert.equal(r.code, 0);
    assert.ok(r.stdout.startsWith(`usage: posenc ${kebab(command)}`));
    assert.equal(pe[command]({ help: true }), r.stdout);
  });
}
