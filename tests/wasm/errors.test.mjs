// Errors: every bad case of tests/cases/commands.json throws, through the JS API,
// a PosencError (an Error) whose message is the line the CLI prints on stderr for
// the same options (the CLI exiting 2 with nothing on stdout), and whose
// `argument` is the option that line names, in camelCase. The module stays usable
// afterwards. Plus misuse only JS can commit: options that are not an object, a
// Symbol, a getter that throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASES, COMMANDS, loadModule, cli, label, assertSame, camel } from './support.mjs';

const { pe, PosencError } = await loadModule();

test(`bad cases exist for all ${COMMANDS.length} commands`, () => {
  const covered = new Set(CASES.bad.map((c) => c.command));
  for (const command of COMMANDS) assert.ok(covered.has(command), `no bad case for ${command}`);
});

for (const c of CASES.bad) {
  test(`bad: ${label(c)}`, () => {
    const r = cli(c);
    assert.equal(r.signal, null);
    assert.equal(r.code, 2, `the CLI exited ${r.code}; stderr: ${r.stderr}`);
    assert.equal(r.stdout, '');
    const line = r.stderr.trim();
    assert.ok(!line.includes('\n'), `one line: ${r.stderr}`);
    let thrown;
    assert.throws(() => pe[c.command](c.options), (e) => (thrown = e) instanceof Error);
    assert.ok(thrown instanceof PosencError, `${thrown}`);
    assert.equal(thrown.name, 'PosencError');
    assert.equal(thrown.message, line);
    assert.equal(thrown.command, c.command);
    // "posenc encode: --max-length: got ..." -> maxLength ("--option" for an unknown one).
    const named = /^posenc [a-z0-9-]+: --([a-z0-9-]+): /.exec(line);
    if (named) assert.equal(thrown.argument, camel(named[1]));
  });
}

test('after every bad case, a valid call still gives the CLI result', () => {
  for (const c of CASES.bad) assert.throws(() => pe[c.command](c.options), PosencError);
  const ok = { command: 'attention', options: { scheme: 'alibi', length: 5, heads: 2, dim: 3, causal: true, weights: true } };
  const r = cli(ok);
  assert.equal(r.code, 0, r.stderr);
  assertSame(pe.attention(ok.options), JSON.parse(r.stdout), label(ok));
});

// ---- misuse from JS -------------------------------------------------------------

test('options that are not an object are refused by name', () => {
  for (const options of [5, 'x', [], [1, 2], true, () => 1, new Float32Array(2), Symbol('s')]) {
    assert.throws(() => pe.encode(options), (e) => e instanceof PosencError && e.argument === 'options' &&
      e.command === 'encode' && e.message.startsWith('posenc encode: options: got ') &&
      e.message.includes('; allowed: an object of options'), String(typeof options));
  }
});

test('no options at all is the CLI with no options: its "required" error', () => {
  const line = cli({ command: 'encode', options: {} }).stderr.trim();
  assert.match(line, /required/);
  assert.throws(() => pe.encode(), (e) => e instanceof PosencError && e.message === line);
  assert.throws(() => pe.encode(undefined), (e) => e instanceof PosencError && e.message === line);
});

// null options mean "no options", as undefined does: the CLI's "required" error.
test('null options are no options', () => {
  const line = cli({ command: 'encode', options: {} }).stderr.trim();
  assert.throws(() => pe.encode(null), (e) => e instanceof PosencError && e.message === line);
});

test('a Symbol value reaches the CLI parser as its text', () => {
  const options = { scheme: 'sinusoidal', length: Symbol('q'), dim: 2 };
  const line = cli({ command: 'encode', options: { ...options, length: 'Symbol(q)' } }).stderr.trim();
  assert.throws(() => pe.encode(options), (e) => e instanceof PosencError && e.message === line && e.argument === 'length');
});

test('a getter that throws: its own error propagates, the module stays usable', () => {
  const boom = new Error('boom');
  const options = { scheme: 'sinusoidal', dim: 2, get length () { throw boom; } };
  const before = pe.memory().heapInUse;
  assert.throws(() => pe.encode(options), (e) => e === boom);
  assert.equal(pe.memory().heapInUse, before);
  const r = cli({ command: 'encode', options: { scheme: 'sinusoidal', length: 3, dim: 2 } });
  assertSame(pe.encode({ scheme: 'sinusoidal', length: 3, dim: 2 }), JSON.parse(r.stdout), 'encode after the getter');
});
