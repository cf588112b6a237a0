// posenc-learned-table: a learned absolute encoding is a lookup table of L_max
// rows (nn.Embedding(max_seq_len, D), initialised N(0, 1)); a sequence of length L
// reads rows 0..L-1. Asking for L > L_max has no row to read: the widget shows
// the core's error, as the notebook's LearnedAPE raises one (IndexError).
import { PosencWidget } from './base.js';
import { fmt } from './plot.js';

export class LearnedTable extends PosencWidget {
  static params = {
    length: { type: 'int', min: 1, max: 64, default: 10, label: 'Sequence length L (rows looked up)' },
    'max-length': { type: 'int', min: 1, max: 64, default: 16, label: 'Table size L_max' },
    dim: { type: 'int', min: 1, max: 128, default: 16, label: 'Width D' },
    seed: { type: 'int', min: 0, max: 9999, default: 0, label: 'Seed of the table' },
  };

  draw(core, s, view) {
    const common = { scheme: 'learned', dim: s.dim, seed: s.seed, maxLength: s.maxLength };
    // Compute both before drawing anything: the lookup throws when L > L_max.
    const table = core.encode({ ...common, length: s.maxLength }).data;
    const rows = core.encode({ ...common, length: s.length }).data;
    const readout = (i, k, v) => `position ${i}, dimension ${k}: ${fmt(v)}`;
    view.heatmap('table', {
      data: table, rows: s.maxLength, cols: s.dim, map: 'diverging', readout,
      title: `The table: ${s.maxLength} rows (L_max) x ${s.dim}`, xLabel: 'dimension k', yLabel: 'position i',
      label: `The learned table of ${s.maxLength} positions by ${s.dim} dimensions`,
    });
    view.heatmap('lookup', {
      data: rows, rows: s.length, cols: s.dim, map: 'diverging', readout,
      title: `Looked up for L = ${s.length}: rows 0..${s.length - 1}`, xLabel: 'dimension k', yLabel: 'position i',
      label: `The rows looked up for a sequence of ${s.length} positions`,
    });
    view.element('note').textContent = `A sequence of length L reads rows 0..L-1; the table has rows 0..${s.maxLength - 1}, ` +
      `so any L up to ${s.maxLength} works and L = ${s.maxLength + 1} fails: a learned table cannot extrapolate.`;
    const columns = ['position', ...Array.from({ length: s.dim }, (_, k) => `d${k}`)];
    return {
      caption: `Rows looked up for L = ${s.length} (D = ${s.dim}, seed ${s.seed})`,
      columns,
      rows: Array.from({ length: s.length }, (_, i) => [i, ...rows.subarray(i * s.dim, (i + 1) * s.dim)]),
    };
  }
}
