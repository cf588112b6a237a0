// The size limits: `posenc --limits` lists them (cli/limits_table.cpp), the CLI
// enforces each one at its boundary (the limit is accepted, one past it is an
// error naming the option and the limit), and the README's "Limits and
// guarantees" table shows the same numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { posenc, json, fails } from './run.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const limits = json('--limits');

test('--limits: positive numbers (whole for every max_), the general ones first', () => {
  assert.deepEqual(Object.keys(limits).slice(0, 4), ['max_length', 'max_dim', 'max_heads', 'max_output_bytes']);
  for (const [name, v] of Object.entries(limits)) {
    assert.match(name, /^(max|min)_[a-z_]+$/);
    assert.ok(Number.isFinite(v) && v > 0, `${name} = ${v}`);
    if (name.startsWith('max_')) assert.ok(Number.isSafeInteger(v), `${name} = ${v}`);
  }
  assert.equal(limits.max_output_bytes, 2 ** 30);
  assert.equal(limits.max_seed, Number.MAX_SAFE_INTEGER); // a seed survives a trip through JS
});

// [limit, option, argv with the value at the limit (null: too slow to run at the
// limit, only the rejection is checked), argv one past it (below it for a min_)]
const cases = (L) => [
  ['max_length', '--length', ['encode', '--scheme=sinusoidal', `--length=${L.max_length}`, '--dim=1'],
    ['encode', '--scheme=sinusoidal', `--length=${L.max_length + 1}`, '--dim=1']],
  ['max_dim', '--dim', ['encode', '--scheme=sinusoidal', '--length=1', `--dim=${L.max_dim}`],
    ['encode', '--scheme=sinusoidal', '--length=1', `--dim=${L.max_dim + 1}`]],
  ['max_heads', '--heads', ['alibi', `--heads=${L.max_heads}`], ['alibi', `--heads=${L.max_heads + 1}`]],
  ['max_position', '--position', ['rope-apply', '--pairing=half', `--position=${L.max_position}`, '--vector=1,2'],
    ['rope-apply', '--pairing=half', `--position=${L.max_position + 1}`, '--vector=1,2']],
  ['max_seed', '--seed', ['encode', '--scheme=random', '--length=1', '--dim=1', `--seed=${L.max_seed}`],
    ['encode', '--scheme=random', '--length=1', '--dim=1', `--seed=${BigInt(L.max_seed) + 1n}`]],
  ['max_fire_hidden', '--hidden', ['fire', '--length=2', '--heads=1', `--hidden=${L.max_fire_hidden}`],
    ['fire', '--length=2', '--heads=1', `--hidden=${L.max_fire_hidden + 1}`]],
  ['max_conv_kernel', '--kernel', ['conv', '--length=2', '--dim=1', `--kernel=${L.max_conv_kernel}`],
    ['conv', '--length=2', '--dim=1', `--kernel=${L.max_conv_kernel + 2}`]],
  // Seed 4's taps keep 256 layers inside float32; most seeds' values overflow
  // sooner, which is an error naming --layers (never Inf or NaN).
  ['max_conv_layers', '--layers', ['conv', '--length=2', '--dim=1', '--seed=4', `--layers=${L.max_conv_layers}`],
    ['conv', '--length=2', '--dim=1', `--layers=${L.max_conv_layers + 1}`]],
  ['max_buckets', '--num-buckets', ['t5-bucket', '--positions=-3,5', `--num-buckets=${L.max_buckets}`, `--max-distance=${L.max_position}`],
    ['t5-bucket', '--positions=-3,5', `--num-buckets=${L.max_buckets + 2}`]],
  ['max_rope_factor', '--factor', ['rope-freqs', '--dim=4', '--scaling=linear', `--factor=${L.max_rope_factor}`],
    ['rope-freqs', '--dim=4', '--scaling=linear', `--factor=${L.max_rope_factor + 1}`]],
  ['min_word_scale', '--word-scale', ['embed', '--scheme=sinusoidal', '--length=2', '--dim=2', `--word-scale=${L.min_word_scale}`],
    ['embed', '--scheme=sinusoidal', '--length=2', '--dim=2', `--word-scale=${L.min_word_scale / 2}`]],
  ['min_fire_c', '--c', ['attention', '--scheme=fire', '--length=2', '--heads=1', '--dim=2', `--c=${L.min_fire_c}`],
    ['attention', '--scheme=fire', '--length=2', '--heads=1', '--dim=2', `--c=${L.min_fire_c / 2}`]],
  ['max_metrics_length', '--length', null, ['metrics', '--scheme=sinusoidal', `--length=${L.max_metrics_length + 1}`, '--dim=2']],
  ['max_similarity_length', '--length', null, ['similarity', '--scheme=sinusoidal', `--length=${L.max_similarity_length + 1}`, '--dim=2']],
  ['max_train_length', '--train-length', null, ['train', '--scheme=rope', `--train-length=${L.max_train_length + 1}`]],
  ['max_eval_length', '--eval-lengths', null, ['train', '--scheme=rope', `--eval-lengths=8,${L.max_eval_length + 1}`]],
  ['max_steps', '--steps', null, ['train', '--scheme=rope', `--steps=${L.max_steps + 1}`]],
  ['max_layers', '--layers', null, ['train', '--scheme=rope', `--layers=${L.max_layers + 1}`]],
  ['max_train_dim', '--dim', null, ['train', '--scheme=rope', `--dim=${L.max_train_dim + 1}`]],
  ['max_train_heads', '--heads', null, ['train', '--scheme=rope', `--heads=${L.max_train_heads + 1}`]],
  ['max_batch', '--batch', null, ['train', '--scheme=rope', `--batch=${L.max_batch + 1}`]],
  ['max_vocab', '--vocab', null, ['train', '--scheme=rope', `--vocab=${L.max_vocab + 1}`]],
  ['max_eval_examples', '--eval-examples', null, ['train', '--scheme=rope', `--eval-examples=${L.max_eval_examples + 1}`]],
];

for (const [name, option, at, past] of cases(limits)) {
  test(`${name} = ${limits[name]}: one past it is refused by ${option}, naming the limit`, () => {
    const line = fails(option, ...past);
    assert.ok(line.includes(String(limits[name])), `the error states ${limits[name]}: ${line}`);
    if (at) {
      const r = posenc(...at);
      assert.equal(r.code, 0, `at the limit: posenc ${at.join(' ')}: ${r.stderr}`);
    }
  });
}

test('max_output_bytes: the product of the sizes is refused past 1 GiB, at any one size within its limit', () => {
  // L x D floats: 2^20 x 256 is exactly 1 GiB (allowed, not run: 1 GiB of JSON); 257 is past it.
  const line = fails('--length', 'encode', '--scheme=sinusoidal', `--length=${limits.max_length}`, '--dim=257');
  assert.match(line, /1048576 x 257 .*fits in 1 GiB/);
  fails('--weights', 'attention', '--scheme=rope', '--length=16384', '--heads=2', '--dim=2', '--weights');
});

test('the README lists every limit with the same value', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Limits and guarantees'));
  assert.ok(section, 'README has a "Limits and guarantees" section');
  const rows = new Map([...section.matchAll(/^\| `((?:max|min)_[a-z_]+)` \| ([0-9,.e+-]+)/gm)].map((m) => [m[1], Number(m[2].replaceAll(',', ''))]));
  assert.deepEqual(Object.fromEntries(rows), limits);
});
