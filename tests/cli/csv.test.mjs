// --format csv for the commands whose result is a table, against values derived by
// hand from each method's definition.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { posenc, fails } from './run.mjs';

function csv(...args) {
  const r = posenc(...args, '--format', 'csv');
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trimEnd().split('\n').map((l) => l.split(','));
}

test('t5-bucket csv: position,bucket', () => {
  // Bidirectional, 32 buckets: r = -3 -> 3; r = 20 -> 16 + 8 + floor(8 ln(20/8) / ln 16) = 26.
  assert.deepEqual(csv('t5-bucket', '--positions', '-3,0,20'), [['position', 'bucket'], ['-3', '3'], ['0', '0'], ['20', '26']]);
});

test('alibi csv: head,slope, and head,i,j,bias with empty masked entries', () => {
  // Three heads (not a power of two): slopes of 2 heads (2^-4, 2^-8), then every other of 4 (2^-2).
  assert.deepEqual(csv('alibi', '--heads', 3), [['head', 'slope'], ['0', '0.0625'], ['1', '0.00390625'], ['2', '0.25']]);
  const rows = csv('alibi', '--heads', 1, '--length', 2);
  // One head: m = 2^-8; bias(1, 0) = -m (1 - 0); (0, 1) is in the future: empty.
  assert.deepEqual(rows, [['head', 'i', 'j', 'bias'], ['0', '0', '0', '0'], ['0', '0', '1', ''], ['0', '1', '0', '-0.00390625'], ['0', '1', '1', '0']]);
});

test('fire csv: head,i,j,input,bias', () => {
  const rows = csv('fire', '--length', 3, '--heads', 2, '--threshold', 1);
  assert.deepEqual(rows[0], ['head', 'i', 'j', 'input', 'bias']);
  assert.equal(rows.length, 1 + 2 * 9);
  const at = (h, i, j) => rows.find((r) => r[0] === `${h}` && r[1] === `${i}` && r[2] === `${j}`);
  // psi(x) = ln(0.1 x + 1); input(2, 1) = psi(1) / psi(max(2, 1)) = ln 1.1 / ln 1.2.
  assert.ok(Math.abs(Number(at(1, 2, 1)[3]) - Math.log(1.1) / Math.log(1.2)) < 1e-7);
  assert.deepEqual(at(0, 0, 2).slice(3), ['', '']);
});

test('csv where the result is not a table is refused by name', () => {
  fails('--format', 't5-bucket', '--positions', '1', '--format', 'tsv');
});
