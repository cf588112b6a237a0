// Every widget parameter's range lies inside the library's limits (`posenc
// --limits`, README "Limits and guarantees"): a widget never offers a value the
// core would refuse. A widget's range is its own, smaller, interactive budget;
// each parameter is classified here, so a new one must say which limit bounds it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readWidgets } from '../../web/site/widget-catalog.mjs';
import { json } from '../cli/run.mjs';

const limits = json('--limits');

// parameter name -> the limit that bounds it (|min| and max), per widget where it differs.
const BOUND = {
  'length': 'max_length', 'max-length': 'max_length', 'second-length': 'max_length', 'span': 'max_length', 'clip': 'max_length',
  'dim': 'max_dim', 'heads': 'max_heads', 'head': 'max_heads',
  'position': 'max_position', 'm': 'max_position', 'n': 'max_position', 'shift': 'max_position',
  'max-distance': 'max_position', 'threshold': 'max_position',
  'num-buckets': 'max_buckets', 'mlp-width': 'max_fire_hidden', 'kernel': 'max_conv_kernel', 'layers': 'max_conv_layers',
  'factor': 'max_rope_factor', 'seed': 'max_seed', 'word-seed': 'max_seed', 'shuffle': 'max_seed',
  'train-length': 'max_train_length', 'steps': 'max_steps',
};
const PER_WIDGET = {
  'requirements-table': { length: 'max_metrics_length' },
  'sinusoidal-similarity': { length: 'max_similarity_length' },
  'naive-random': { length: 'max_similarity_length' },
};
// Parameters no size limit bounds (a choice, an angle, a scale, an index into
// what the other parameters size); the core checks their own ranges.
const UNSIZED = new Set(['base', 'c', 'word-scale', 'query-angle', 'key-angle', 'pair', 'layout', 'spacing', 'scheme',
  'measure', 'content', 'axis', 'compare', 'causal', 'pairing', 'scaling', 'task', 'schemes']);

test('every widget parameter is inside the core limit that bounds it', async () => {
  const widgets = await readWidgets();
  assert.equal(widgets.length, 19);
  let checked = 0;
  for (const w of widgets) {
    for (const p of w.params) {
      if (UNSIZED.has(p.name)) continue;
      const limit = PER_WIDGET[w.name]?.[p.name] ?? BOUND[p.name];
      assert.ok(limit, `${w.name}: parameter ${p.name} (${p.allowed}) is not classified; add it to BOUND or UNSIZED`);
      const m = /^(?:integer|number) in \[(-?[\d.e+]+), (-?[\d.e+]+)\]$/.exec(p.allowed);
      assert.ok(m, `${w.name}: ${p.name} is a range: ${p.allowed}`);
      const [lo, hi] = [Number(m[1]), Number(m[2])];
      assert.ok(Math.abs(lo) <= limits[limit] && hi <= limits[limit], `${w.name}: ${p.name} ${p.allowed} within ${limit} = ${limits[limit]}`);
      checked++;
    }
  }
  assert.ok(checked > 50, `${checked} parameters checked`);
});
