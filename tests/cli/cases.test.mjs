// The CLI side of the shared cases (tests/cases/commands.json, also read by the
// WASM suite): every valid case exits 0 with one non-empty JSON document on
// stdout and nothing on stderr; every bad case exits 2 with nothing on stdout and
// exactly one stderr line "posenc <command>: --<option>: got ...; allowed: ...".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASES, COMMANDS, cli, label, kebab } from '../wasm/support.mjs';

test(`the shared cases cover all ${COMMANDS.length} commands, valid and bad`, () => {
  for (const list of [CASES.valid, CASES.bad]) {
    const covered = new Set(list.map((c) => c.command));
    assert.deepEqual(COMMANDS.filter((c) => !covered.has(c)), []);
  }
});

for (const c of CASES.valid) {
  test(`valid: ${label(c)}`, () => {
    const r = cli(c);
    assert.equal(r.signal, null);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const text = r.stdout.trim();
    assert.ok(!text.includes('\n'), 'one document, on one line');
    const doc = JSON.parse(text);
    assert.equal(typeof doc, 'object');
    assert.ok(doc !== null && !Array.isArray(doc) && Object.keys(doc).length > 0, 'a non-empty object');
  });
}

for (const c of CASES.bad) {
  test(`bad: ${label(c)}`, () => {
    const r = cli(c);
    assert.equal(r.signal, null, `died of ${r.signal}`);
    assert.equal(r.code, 2, `exited ${r.code}; stderr: ${r.stderr}`);
    assert.equal(r.stdout, '', 'no partial output');
    assert.ok(r.stderr.endsWith('\n'));
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, 1, `one line: ${r.stderr}`);
    assert.ok(lines[0].startsWith(`posenc ${kebab(c.command)}: `), lines[0]);
    assert.match(lines[0], /: --[a-z0-9-]+: got .*; allowed: ./);
  });
}
