// posenc-naive-normalized: the naive normalized encoding p_ij = i / (L - 1)
// (source notebook, "Naive Methods") keeps values in [0, 1] but is not
// consistent: the same position i gets a different vector in sequences of
// different lengths. Two sequences side by side, the chosen position outlined.
import { PosencWidget } from './base.js';
import { fmt } from './plot.js';

export class NaiveNormalized extends PosencWidget {
  static params = {
    length: { type: 'int', min: 2, max: 64, default: 5, label: 'Length of sequence A' },
    'second-length': { type: 'int', min: 2, max: 64, default: 10, label: 'Length of sequence B' },
    position: { type: 'int', min: 0, max: 63, default: 3, label: 'Position i' },
    dim: { type: 'int', min: 1, max: 16, default: 4, label: 'Width D' },
  };

  draw(core, s, view) {
    const lengths = [s.length, s.secondLength];
    const [a, b] = lengths.map((length) => core.encode({ scheme: 'normalized', length, dim: s.dim }).data);
    const i = s.position;
    if (i >= Math.min(...lengths)) {
      throw new Error(`position: got ${i}; allowed: integer in [0, ${Math.min(...lengths) - 1}] (a position both sequences have)`);
    }
    const row = view.row('pair');
    [a, b].forEach((data, k) => view.heatmap(`seq${k}`, {
      data, rows: lengths[k], cols: s.dim, map: 'viridis', domain: [0, 1], markRow: i,
      title: `Sequence ${'AB'[k]}: L = ${lengths[k]}`, xLabel: 'dimension j', yLabel: 'position i',
      label: `Normalized encoding of a sequence of length ${lengths[k]}`, height: Math.max(120, Math.min(300, 22 * lengths[k])),
      readout: (p, j, v) => `sequence ${'AB'[k]}, position ${p}, dimension ${j}: ${fmt(v)}`,
    }, 'pair'));
    row.setAttribute('aria-label', 'The two sequences side by side');
    const va = a[i * s.dim];
    const vb = b[i * s.dim];
    view.chart('values', {
      title: 'p_i against position, for each length', xLabel: 'position i', yLabel: 'p_ij = i / (L − 1)', xInteger: true,
      label: 'The value at each position for both lengths',
      series: [
        ...lengths.map((L, k) => {
          const x = Array.from({ length: L }, (_, p) => p);
          return { name: `${'AB'[k]}: L = ${L}`, x, y: x.map((p) => [a, b][k][p * s.dim]), kind: 'line' };
        }),
        { name: `position ${i}`, x: [i, i], y: [va, vb], kind: 'points', colour: '#CC79A7', radius: 5 },
      ],
    });
    view.element('note').textContent = `Position ${i} is ${fmt(va)} in sequence A (L = ${s.length}) but ${fmt(vb)} in sequence B ` +
      `(L = ${s.secondLength}): ${va === vb ? 'equal only because the lengths are equal' : 'the same position, a different vector'}.`;
    const n = Math.max(...lengths);
    return {
      caption: `p_i0 = i / (L − 1) for L = ${s.length} and L = ${s.secondLength} (every dimension holds the same value)`,
      columns: ['position', `L = ${s.length}`, `L = ${s.secondLength}`],
      rows: Array.from({ length: n }, (_, p) => [p, p < s.length ? a[p * s.dim] : '', p < s.secondLength ? b[p * s.dim] : '']),
    };
  }
}
