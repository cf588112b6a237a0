// Runs the built `posenc` binary for the CLI tests (node:test).
// The binary comes from $POSENC_BIN (set by CTest) or build/native/posenc.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.POSENC_BIN || path.join(root, 'build/native/posenc');

/** Runs `posenc ...args`; returns {code, stdout, stderr}. */
export function posenc(...args) {
  const r = spawnSync(BIN, args.map(String), { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command that must succeed and returns its parsed JSON. */
export function json(...args) {
  const r = posenc(...args);
  assert.equal(r.code, 0, `posenc ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  assert.equal(r.stderr, '');
  return JSON.parse(r.stdout);
}

/**
 * Asserts that a command fails with exit code 2 and exactly one line on stderr
 * that names `option` (e.g. "--length") and says what is allowed. Returns the line.
 */
export function fails(option, ...args) {
  const r = posenc(...args);
  assert.equal(r.signal, null, `posenc ${args.join(' ')} died of ${r.signal}`);
  assert.equal(r.code, 2, `posenc ${args.join(' ')} exited ${r.code}, want 2; stderr: ${r.stderr}`);
  assert.equal(r.stdout, '', 'no partial output on error');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line on stderr, got: ${r.stderr}`);
  assert.ok(lines[0].includes(`${option}: got `), `names ${option}: ${lines[0]}`);
  assert.ok(lines[0].includes('; allowed: '), `says what is allowed: ${lines[0]}`);
  return lines[0];
}

/** |a - b| <= tol elementwise over nested arrays, with a readable first mismatch. */
export function close(actual, expected, tol, where = '') {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: not an array`);
    assert.equal(actual.length, expected.length, `${where}: length`);
    expected.forEach((e, i) => close(actual[i], e, tol, `${where}[${i}]`));
    return;
  }
  if (expected === null) {
    assert.equal(actual, null, `${where}: want null`);
    return;
  }
  assert.ok(Math.abs(actual - expected) <= tol, `${where}: got ${actual}, want ${expected} (tol ${tol})`);
}
