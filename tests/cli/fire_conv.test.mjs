// posenc fire and posenc conv through the CLI, and their bad-input errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { posenc, json, fails, close } from './run.mjs';

test('fire: the normalized input from the paper formula, null above the diagonal', () => {
  const r = json('fire', '--length', 5, '--heads', 2, '--threshold', 2, '--c', 0.1);
  assert.equal(r.length, 5);
  assert.equal(r.heads, 2);
  assert.equal(r.hidden, 32);
  // u(i, j) = log(1 + c (i - j)) / log(1 + c max(i, L_thr)), computed here by hand.
  const psi = (x) => Math.log(1 + 0.1 * x);
  const want = [0, 1, 2, 3, 4].map((i) => [0, 1, 2, 3, 4].map((j) => (j > i ? null : psi(i - j) / psi(Math.max(i, 2)))));
  close(r.input, want, 1e-6);
  close(r.input[3][1], Math.log(1.2) / Math.log(1.3), 1e-6);
});

test('fire: H x L x L bias, causal (null for j > i), seeded and reproducible', () => {
  const a = json('fire', '--length', 6, '--heads', 3, '--seed', 7, '--hidden', 8);
  const b = json('fire', '--length', 6, '--heads', 3, '--seed', 7, '--hidden', 8);
  const c = json('fire', '--length', 6, '--heads', 3, '--seed', 8, '--hidden', 8);
  assert.deepEqual(a.bias, b.bias);
  assert.notDeepEqual(a.bias, c.bias);
  assert.equal(a.bias.length, 3);
  for (const head of a.bias) {
    assert.equal(head.length, 6);
    head.forEach((row, i) => row.forEach((v, j) => assert.equal(v === null, j > i, `(${i}, ${j})`)));
    // The diagonal is u = 0 for every query, so one value per head.
    for (let i = 1; i < 6; i++) assert.equal(head[i][i], head[0][0]);
  }
});

test('fire: below L_thr the input depends only on i - j; at L_thr the farthest key is 1', () => {
  const r = json('fire', '--length', 12, '--heads', 1, '--threshold', 8, '--c', 0.5);
  for (let i = 0; i < 8; i++) for (let j = 0; j <= i; j++) close(r.input[i][j], r.input[7][7 - (i - j)], 1e-7);
  for (let i = 8; i < 12; i++) close(r.input[i][0], 1, 1e-6);
  assert.ok(r.input[7][0] < 1);
});

test('fire: bad input is one line and exit 2', () => {
  fails('--length', 'fire', '--length', 0, '--heads', 2);
  fails('--length', 'fire', '--heads', 2);
  fails('--length', 'fire', '--length', 1048576, '--heads', 1); // 8 TiB
  fails('--length', 'fire', '--length', 16384, '--heads', 4); // input 1 GiB fits, input + bias (5 GiB) does not
  fails('--heads', 'fire', '--length', 4, '--heads', 0);
  fails('--heads', 'fire', '--length', 4, '--heads', 'two');
  fails('--c', 'fire', '--length', 4, '--heads', 2, '--c', 0);
  fails('--c', 'fire', '--length', 4, '--heads', 2, '--c', 'nan');
  fails('--threshold', 'fire', '--length', 4, '--heads', 2, '--threshold', 0.5);
  fails('--hidden', 'fire', '--length', 4, '--heads', 2, '--hidden', 0);
  fails('--eps', 'fire', '--length', 4, '--heads', 2, '--eps', -1);
  fails('--seed', 'fire', '--length', 4, '--heads', 2, '--seed', -1);
  fails('--option', 'fire', '--length', 4, '--heads', 2, '--dim', 4);
});

test('conv: position-free input; output differs from the interior only near the edges', () => {
  const r = json('conv', '--length', 10, '--dim', 3, '--kernel', 3, '--seed', 2);
  assert.equal(r.kernel, 3);
  assert.equal(r.layers, 1);
  assert.equal(r.content, 'word');
  for (const row of r.input) assert.deepEqual(row, r.input[0]);
  // distance = ||output[i] - interior||: zero except at the first and last position.
  r.distance.forEach((d, i) => assert.equal(d === 0, i >= 1 && i <= 8, `position ${i}: ${d}`));
  for (let i = 1; i <= 8; i++) assert.deepEqual(r.output[i], r.interior);
  r.signal.forEach((row, i) => close(row, row.map((_, c) => r.output[i][c] - r.input[i][c]), 1e-6, `signal[${i}]`));
});

test('conv: the output by hand from the returned weights, all-ones input', () => {
  const r = json('conv', '--length', 4, '--dim', 2, '--kernel', 3, '--content', 'ones');
  for (const row of r.input) assert.deepEqual(row, [1, 1]);
  r.weight.forEach(([w0, w1, w2], c) => {
    const b = r.bias[c];
    close(r.output[0][c], 1 + b + w1 + w2, 1e-6); // w0 on the pad
    close(r.output[1][c], 1 + b + w0 + w1 + w2, 1e-6);
    close(r.output[3][c], 1 + b + w0 + w1, 1e-6); // w2 on the pad
  });
});

test('conv: n layers spread the edge signal n (K-1)/2 positions in', () => {
  const r = json('conv', '--length', 20, '--dim', 4, '--kernel', 5, '--layers', 3);
  const reach = 3 * 2;
  r.distance.forEach((d, i) => assert.equal(d === 0, i >= reach && i <= 19 - reach, `position ${i}: ${d}`));
});

test('conv: csv is the output matrix', () => {
  const r = json('conv', '--length', 3, '--dim', 2, '--seed', 5);
  const csv = posenc('conv', '--length', 3, '--dim', 2, '--seed', 5, '--format', 'csv');
  assert.equal(csv.code, 0);
  const lines = csv.stdout.trim().split('\n');
  assert.equal(lines[0], 'position,d0,d1');
  lines.slice(1).forEach((line, i) => {
    const [pos, ...vals] = line.split(',').map(Number);
    assert.equal(pos, i);
    close(vals, r.output[i], 0);
  });
});

test('conv: bad input is one line and exit 2', () => {
  const line = fails('--kernel', 'conv', '--length', 8, '--dim', 2, '--kernel', 4);
  assert.match(line, /odd/);
  fails('--kernel', 'conv', '--length', 8, '--dim', 2, '--kernel', 0);
  fails('--kernel', 'conv', '--length', 8, '--dim', 2, '--kernel', 2047);
  fails('--length', 'conv', '--length', 0, '--dim', 2);
  fails('--length', 'conv', '--length', 1048576, '--dim', 4096); // 3 x 16 GiB
  fails('--dim', 'conv', '--length', 8, '--dim', 0);
  fails('--dim', 'conv', '--length', 8);
  fails('--layers', 'conv', '--length', 8, '--dim', 2, '--layers', 0);
  fails('--content', 'conv', '--length', 8, '--dim', 2, '--content', 'zeros');
  fails('--seed', 'conv', '--length', 8, '--dim', 2, '--seed', 'x');
  fails('--format', 'conv', '--length', 8, '--dim', 2, '--format', 'xml');
});

test('fire and conv: --help lists the options', () => {
  for (const [cmd, opts] of [['fire', ['--length', '--heads', '--c', '--threshold', '--seed', '--hidden']], ['conv', ['--length', '--dim', '--kernel', '--seed', '--layers', '--format']]]) {
    const r = posenc(cmd, '--help');
    assert.equal(r.code, 0);
    for (const o of opts) assert.ok(r.stdout.includes(o), `${cmd} --help lists ${o}`);
  }
});
