// posenc encode: the absolute schemes through the CLI, and its bad-input errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { posenc, json, fails, close } from './run.mjs';

test('sinusoidal interleaved: the paper formula at D = 4', () => {
  const r = json('encode', '--scheme', 'sinusoidal', '--length', 3, '--dim', 4);
  assert.equal(r.scheme, 'sinusoidal');
  assert.equal(r.length, 3);
  assert.equal(r.dim, 4);
  // w = [1, 10000^(-2/4) = 0.01]; row p = [sin p, cos p, sin 0.01p, cos 0.01p].
  close(r.data, [0, 1, 2].map((p) => [Math.sin(p), Math.cos(p), Math.sin(0.01 * p), Math.cos(0.01 * p)]), 1e-7);
});

test('sinusoidal concat with endpoint spacing: tensor2tensor get_timing_signal_1d', () => {
  // t2t: n = D/2 timescales, inv_i = exp(-i * ln(1e4) / (n - 1)); [sin | cos]; odd D padded with 0.
  const r = json('encode', '--scheme', 'sinusoidal', '--length', 4, '--dim', 7, '--layout', 'concat', '--spacing', 'endpoint');
  const inv = [0, 1, 2].map((i) => Math.exp((-i * Math.log(1e4)) / 2));
  close(r.data, [0, 1, 2, 3].map((p) => [...inv.map((w) => Math.sin(p * w)), ...inv.map((w) => Math.cos(p * w)), 0]), 1e-7);
});

test('csv: a header and one row per position', () => {
  const r = posenc('encode', '--scheme', 'index', '--length', 3, '--dim', 2, '--format', 'csv');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'position,d0,d1\n0,0,0\n1,1,1\n2,2,2\n');
});

test('learned: seeded, and positions beyond the table are an error naming max_length', () => {
  const a = json('encode', '--scheme', 'learned', '--length', 4, '--dim', 3, '--max-length', 8, '--seed', 5);
  const b = json('encode', '--scheme', 'learned', '--length', 4, '--dim', 3, '--max-length', 8, '--seed', 5);
  assert.deepEqual(a.data, b.data);
  const line = fails('--length', 'encode', '--scheme', 'learned', '--length', 9, '--dim', 3, '--max-length', 8);
  assert.match(line, /max_length = 8/);
});

test('encode: bad input is one line and exit 2', () => {
  fails('--scheme', 'encode', '--scheme', 'rope', '--length', 4, '--dim', 4);
  fails('--scheme', 'encode', '--scheme', 'bogus', '--length', 4, '--dim', 4);
  fails('--length', 'encode', '--scheme', 'index', '--length', 0, '--dim', 4);
  fails('--length', 'encode', '--scheme', 'index', '--length', -5, '--dim', 4);
  fails('--dim', 'encode', '--scheme', 'index', '--length', 4, '--dim', 'abc');
  fails('--dim', 'encode', '--scheme', 'index', '--length', 4, '--dim', '4.5');
  fails('--base', 'encode', '--scheme', 'sinusoidal', '--length', 4, '--dim', 4, '--base', 'nan');
  fails('--base', 'encode', '--scheme', 'sinusoidal', '--length', 4, '--dim', 4, '--base', 1);
  fails('--length', 'encode', '--scheme', 'index', '--length', 200000, '--dim', 4096); // 3 GiB
  fails('--layout', 'encode', '--scheme', 'sinusoidal', '--length', 4, '--dim', 4, '--layout', 'diagonal');
  fails('--option', 'encode', '--scheme', 'index', '--length', 4, '--dim', 4, '--bogus', 1);
  fails('--length', 'encode', '--scheme', 'index', '--dim', 4); // missing required
  fails('--length', 'encode', '--scheme', 'index', '--length', 4, '--length', 5, '--dim', 4); // twice
  fails('--format', 'encode', '--scheme', 'index', '--length', 4, '--dim', 4, '--format', 'xml');
  fails('--command', 'bogus-command');
});

test('--version', () => {
  const r = posenc('--version');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^posenc \d+\.\d+\.\d+\n$/);
});

test('--help on every command', () => {
  const usage = posenc('--help');
  assert.equal(usage.code, 0);
  const commands = [...usage.stdout.matchAll(/^ {2}([a-z0-9-]+) /gm)].map((m) => m[1]);
  assert.ok(commands.length >= 10, usage.stdout);
  for (const c of commands) {
    const r = posenc(c, '--help');
    assert.equal(r.code, 0, c);
    assert.match(r.stdout, new RegExp(`^usage: posenc ${c} `), c);
  }
});
