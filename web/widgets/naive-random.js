// posenc-naive-random: random position vectors (source notebook, "Naive
// Methods": p_ij ~ U(-1, 1)) are unique and small, but their similarities have
// no structure: the similarity of p_i and p_j says nothing about |i - j|, so there
// is no pattern to learn or to extend past L. The sinusoids' similarity, beside
// it, depends on the offset alone. Both from the core's `similarity`.
import { PosencWidget } from './base.js';
import { fmt } from './plot.js';

export class NaiveRandom extends PosencWidget {
  static params = {
    length: { type: 'int', min: 2, max: 128, default: 32, label: 'Positions L' },
    dim: { type: 'int', min: 2, max: 256, default: 64, step: 2, label: 'Width D' },
    measure: { type: 'enum', options: ['cosine', 'dot'], default: 'cosine', label: 'Similarity' },
    seed: { type: 'int', min: 0, max: 9999, default: 0, label: 'Seed of the random table' },
  };

  draw(core, s, view) {
    const opts = { length: s.length, dim: s.dim, measure: s.measure };
    const random = core.similarity({ scheme: 'random', seed: s.seed, ...opts });
    const sin = core.similarity({ scheme: 'sinusoidal', ...opts });
    const name = s.measure === 'cosine' ? 'cos(p_i, p_j)' : '⟨p_i, p_j⟩';
    view.row('maps');
    for (const [key, title, r] of [['random', 'random positions', random], ['sinusoidal', 'sinusoidal positions', sin]]) {
      view.heatmap(key, {
        data: r.similarity, rows: s.length, cols: s.length, map: 'diverging', title: `${name}: ${title}`,
        xLabel: 'position j', yLabel: 'position i', label: `Similarity of every two ${title}`,
        readout: (i, j, v) => `${title}: ${name.replace('_i', `_${i}`).replace('_j', `_${j}`)} = ${fmt(v)} (offset ${j - i})`,
      }, 'maps');
    }
    // By offset: the mean with the min and max over all pairs at that offset.
    const off = Array.from(random.byOffset.offset);
    const band = (r, label) => [
      { name: `${label}: mean`, x: off, y: Array.from(r.byOffset.mean), kind: 'line' },
      { name: `${label}: min, max`, x: [...off, NaN, ...off], y: [...r.byOffset.min, NaN, ...r.byOffset.max], kind: 'line' },
    ];
    const [rm, rr] = band(random, 'random');
    const [sm, sr] = band(sin, 'sinusoidal');
    view.chart('offset', {
      title: `${name} against the offset j − i`, xLabel: 'offset j − i', yLabel: name, xInteger: true,
      label: 'Similarity against offset: mean, min and max over the pairs at each offset',
      series: [rm, { ...rr, colour: '#56B4E9' }, sm, { ...sr, colour: '#E69F00' }],
    });
    const spread = (r) => Math.max(...Array.from(r.byOffset.max, (v, k) => (r.byOffset.pairs[k] > 1 ? v - r.byOffset.min[k] : 0)));
    view.element('note').textContent = `Largest spread (max − min) at one offset: random ${fmt(spread(random))}, sinusoidal ` +
      `${fmt(spread(sin))}. For the sinusoids the offset fixes the similarity; for random vectors it fixes nothing.`;
    return {
      caption: `${name} of random positions (seed ${s.seed}), L = ${s.length}, D = ${s.dim}; row i, columns j`,
      columns: ['i', ...Array.from({ length: s.length }, (_, j) => `j=${j}`)],
      rows: Array.from({ length: s.length }, (_, i) => [i, ...random.similarity.subarray(i * s.length, (i + 1) * s.length)]),
    };
  }
}
