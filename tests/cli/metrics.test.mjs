// posenc metrics through the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { posenc, json, fails, close } from './run.mjs';

test('metrics: sinusoidal vs learned vs index', () => {
  const s = json('metrics', '--scheme', 'sinusoidal', '--length', 128, '--dim', 16);
  assert.ok(s.order.spread < 1e-6);
  close(s.small.norm_ratio, Math.SQRT1_2, 1e-6);
  assert.equal(s.extrapolation.defined, true);
  assert.equal(s.extrapolation.error, null);
  const l = json('metrics', '--scheme', 'learned', '--length', 32, '--dim', 4);
  assert.equal(l.extrapolation.defined, false);
  assert.equal(l.extrapolation.max_abs_beyond, null);
  assert.match(l.extrapolation.error, /max_length = 32/);
  assert.equal(l.cost.parameters, 128);
  const i = json('metrics', '--scheme', 'index', '--length', 10, '--dim', 4);
  close(i.uniqueness.min_distance, 2, 1e-9);
  assert.equal(i.small.max_abs, 9);
});

test('metrics: csv has one row per metric', () => {
  const r = posenc('metrics', '--scheme', 'index', '--length', 10, '--dim', 4, '--format', 'csv');
  assert.equal(r.code, 0);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'metric,value');
  assert.ok(lines.includes('min_distance,2'), r.stdout);
  assert.ok(lines.includes('max_abs,9'));
});

test('metrics: bad input', () => {
  fails('--length', 'metrics', '--scheme', 'index', '--length', 1, '--dim', 4);
  fails('--length', 'metrics', '--scheme', 'index', '--length', 5000, '--dim', 4);
  fails('--word-scale', 'metrics', '--scheme', 'index', '--length', 8, '--dim', 4, '--word-scale', 0);
  fails('--scheme', 'metrics', '--scheme', 'alibi', '--length', 8, '--dim', 4);
});
