// posenc-naive-index: the naive index encoding p_ij = i (source notebook, "Naive
// Methods"): unique, but unbounded. As the position grows, p_i swamps the word
// vector: |p_i| / |w_i| grows like i / s and cos(e_i, w_i) falls towards 0. The
// core's `embed` measures both; the sinusoids are drawn beside for contrast.
import { PosencWidget } from './base.js';
import { fmt } from './plot.js';

export class NaiveIndex extends PosencWidget {
  static params = {
    length: { type: 'int', min: 2, max: 1024, default: 100, label: 'Positions L' },
    dim: { type: 'int', min: 2, max: 256, default: 64, step: 2, label: 'Width D' },
    'word-scale': { type: 'number', min: 0.01, max: 10, step: 0.01, default: 1, label: 'Word embedding std s' },
    compare: { type: 'bool', default: true, label: 'Show the sinusoids for comparison' },
    'word-seed': { type: 'int', min: 0, max: 9999, default: 0, control: false },
  };

  draw(core, s, view) {
    const opts = { length: s.length, dim: s.dim, wordScale: s.wordScale, wordSeed: s.wordSeed };
    const index = core.embed({ scheme: 'index', ...opts });
    const sin = s.compare ? core.embed({ scheme: 'sinusoidal', ...opts }) : null;
    const x = Array.from({ length: s.length }, (_, i) => i);
    const series = (key, name, r) => ({ name, x, y: Array.from(r[key]), kind: 'line' });
    const both = (key) => [series(key, 'index: p_ij = i', index), ...(sin ? [series(key, 'sinusoidal', sin)] : [])];
    view.row('charts');
    view.chart('ratio', {
      title: 'Position over word: |p_i| / |w_i|', xLabel: 'position i', yLabel: '|p_i| / |w_i|', xInteger: true,
      label: 'Norm ratio of the position vector to the word vector, against position', series: both('normRatio'),
      rules: [{ y: 1, label: 'as large as the word' }],
    }, 'charts');
    view.chart('cosine', {
      title: 'What is left of the word: cos(e_i, w_i)', xLabel: 'position i', yLabel: 'cos(e_i, w_i)', xInteger: true,
      label: 'Cosine of the sum to the word vector, against position', series: both('cosine'),
    }, 'charts');
    const last = s.length - 1;
    view.element('note').textContent = `At the last position (i = ${last}) the index vector is ${fmt(index.normRatio[last])} times ` +
      `as long as the word and cos(e_i, w_i) = ${fmt(index.cosine[last])}` +
      (sin ? `; the sinusoids stay at ${fmt(sin.normRatio[last])} and ${fmt(sin.cosine[last])}.` : '.');
    return {
      caption: `|p_i| / |w_i| and cos(e_i, w_i) per position (L = ${s.length}, D = ${s.dim}, word std ${s.wordScale})`,
      columns: ['position', 'index: norm ratio', 'index: cosine', ...(sin ? ['sinusoidal: norm ratio', 'sinusoidal: cosine'] : [])],
      rows: x.map((i) => [i, index.normRatio[i], index.cosine[i], ...(sin ? [sin.normRatio[i], sin.cosine[i]] : [])]),
    };
  }
}
