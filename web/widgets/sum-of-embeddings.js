// posenc-sum-of-embeddings: an absolute encoding is added to the word vectors,
// e_i = w_i + p_i (source notebook, "Basic Requirements", its first figure). The
// core's `embed` gives w (seeded N(0, s²) words), p (the chosen scheme) and e,
// with |p_i| / |w_i| and cos(e_i, w_i): how much of the word survives.
import { PosencWidget } from './base.js';
import { fmt, domainOf } from './plot.js';

const SCHEMES = ['none', 'index', 'normalized', 'random', 'learned', 'sinusoidal'];

export class SumOfEmbeddings extends PosencWidget {
  static params = {
    scheme: { type: 'enum', options: SCHEMES, default: 'sinusoidal', label: 'Scheme' },
    length: { type: 'int', min: 1, max: 64, default: 8, label: 'Positions L' },
    dim: { type: 'int', min: 2, max: 64, default: 16, step: 2, label: 'Width D' },
    position: { type: 'int', min: 0, max: 63, default: 3, label: 'Position i shown below' },
    'word-scale': { type: 'number', min: 0.01, max: 10, step: 0.01, default: 1, label: 'Word embedding std s' },
    'word-seed': { type: 'int', min: 0, max: 9999, default: 0, control: false },
  };

  draw(core, s, view) {
    const r = core.embed({ scheme: s.scheme, length: s.length, dim: s.dim, wordScale: s.wordScale, wordSeed: s.wordSeed });
    const i = s.position;
    if (i >= s.length) throw new Error(`position: got ${i}; allowed: integer in [0, ${s.length - 1}] (a position of the sequence)`);
    // One colour scale for the three matrices, so the sum reads as a sum.
    const m = Math.max(...[r.word, r.position, r.sum].map((a) => domainOf(a, 'diverging')[1]));
    view.row('terms');
    const parts = [['word', 'w: word vectors', r.word], ['position', `p: ${s.scheme}`, r.position], ['sum', 'e = w + p', r.sum]];
    for (const [key, title, data] of parts) {
      view.heatmap(key, {
        data, rows: s.length, cols: s.dim, map: 'diverging', domain: [-m, m], markRow: i, title,
        xLabel: 'dimension d', yLabel: 'position i', label: `${title}, ${s.length} positions by ${s.dim} dimensions`,
        height: Math.max(120, Math.min(260, 24 * s.length)),
        readout: (p, d, v) => `${key} ${p}, dimension ${d}: ${fmt(v)}`,
      }, 'terms');
    }
    const x = Array.from({ length: s.dim }, (_, d) => d);
    const row = (a) => x.map((d) => a[i * s.dim + d]);
    view.chart('row', {
      title: `Position ${i}: w_i, p_i and e_i across dimensions`, xLabel: 'dimension d', yLabel: 'value', xInteger: true,
      label: `The three vectors of position ${i}`,
      series: [{ name: 'w_i (word)', x, y: row(r.word), kind: 'line' }, { name: 'p_i (position)', x, y: row(r.position), kind: 'line' },
        { name: 'e_i = w_i + p_i', x, y: row(r.sum), kind: 'line' }],
    });
    view.element('note').textContent = `At position ${i}: |p_i| / |w_i| = ${fmt(r.normRatio[i])} and cos(e_i, w_i) = ` +
      `${fmt(r.cosine[i])}. A cosine near 1 means the word survives the addition; near 0, the position has drowned it.`;
    return {
      caption: `e_i = w_i + p_i with ${s.scheme} positions (L = ${s.length}, D = ${s.dim}, word std ${s.wordScale})`,
      columns: ['position', 'dimension', 'word', 'position vector', 'sum'],
      rows: Array.from({ length: s.length * s.dim }, (_, n) => [Math.floor(n / s.dim), n % s.dim, r.word[n], r.position[n], r.sum[n]]),
      summary: `Per position, |p_i| / |w_i| and cos(e_i, w_i): ` +
        Array.from({ length: s.length }, (_, p) => `${p}: ${fmt(r.normRatio[p])}, ${fmt(r.cosine[p])}`).join('; ') + '.',
    };
  }
}
