// posenc-sinusoidal-heatmap: the fixed sinusoidal table of Vaswani et al. 2017
// (section 3.5), L x D, as the core computes it:
//   interleaved (the paper): PE(i, 2k) = sin(i w_k), PE(i, 2k+1) = cos(i w_k)
//   concat ([sin | cos]):    PE(i, k)  = sin(i w_k), PE(i, n+k)  = cos(i w_k)
// with w_k = base^(-2k/D) ('paper' spacing) or base^(-k/(n-1)) ('endpoint').
// The cursor reads a cell's value, its pair's frequency w_k and wavelength 2 pi / w_k.
import { PosencWidget } from './base.js';
import { fmt } from './plot.js';

/**
 * The column layout of the sinusoids: for column c, its pair index k, whether it
 * is the sine or the cosine, and the column of the pair's sine (null: the zero
 * column concat pads an odd D with). Mirrors kernels/sinusoid.hpp.
 */
export function columnOf(c, dim, layout) {
  if (layout === 'interleaved') return { k: c >> 1, wave: c % 2 ? 'cos' : 'sin', sine: c - (c % 2) };
  const n = dim >> 1;
  if (c >= 2 * n) return { k: null, wave: 'zero', sine: null };
  return c < n ? { k: c, wave: 'sin', sine: c } : { k: c - n, wave: 'cos', sine: c - n };
}

/**
 * The frequency of every column, read off the core's own table rather than
 * recomputed: row 1 holds sin(w_k) and cos(w_k), and w_k is in (0, 1] (base > 1),
 * so w_k = atan2(sin w_k, cos w_k) (asin when an odd D leaves a sine without its cosine).
 */
export function columnFrequencies(row1, dim, layout) {
  const w = new Float64Array(dim).fill(NaN);
  for (let c = 0; c < dim; c++) {
    const { wave, sine } = columnOf(c, dim, layout);
    if (wave === 'zero') continue;
    const cosine = layout === 'interleaved' ? sine + 1 : sine + (dim >> 1);
    w[c] = cosine < dim ? Math.atan2(row1[sine], row1[cosine]) : Math.asin(row1[sine]);
  }
  return w;
}

export class SinusoidalHeatmap extends PosencWidget {
  static params = {
    length: { type: 'int', min: 1, max: 512, default: 64, label: 'Positions L' },
    dim: { type: 'int', min: 2, max: 512, default: 128, step: 2, label: 'Width D' },
    base: { type: 'number', min: 2, max: 1000000, default: 10000, step: 1, label: 'Base' },
    layout: { type: 'enum', options: ['interleaved', 'concat'], default: 'interleaved', label: 'Layout' },
    spacing: { type: 'enum', options: ['paper', 'endpoint'], default: 'paper', label: 'Frequency spacing' },
  };

  draw(core, s, view) {
    const opts = { scheme: 'sinusoidal', dim: s.dim, base: s.base, layout: s.layout, spacing: s.spacing };
    const { data } = core.encode({ ...opts, length: s.length });
    const row1 = s.length > 1 ? data.subarray(s.dim, 2 * s.dim) : core.encode({ ...opts, length: 2 }).data.subarray(s.dim);
    const w = columnFrequencies(row1, s.dim, s.layout);
    const readout = (i, c, v) => {
      const { k, wave } = columnOf(c, s.dim, s.layout);
      if (wave === 'zero') return `position ${i}, dimension ${c}: ${fmt(v)} (the zero column an odd D is padded with)`;
      return `position ${i}, dimension ${c} (${wave} of pair ${k}): ${fmt(v)}; frequency ω_${k} = ${fmt(w[c])}, ` +
        `wavelength 2π/ω_${k} = ${fmt((2 * Math.PI) / w[c])} positions`;
    };
    view.heatmap('pe', {
      data, rows: s.length, cols: s.dim, map: 'diverging', domain: [-1, 1], readout,
      title: `PE: ${s.length} × ${s.dim}, ${s.layout}`, xLabel: 'dimension', yLabel: 'position i',
      label: `The sinusoidal encoding of ${s.length} positions in ${s.dim} dimensions, ${s.layout} layout, base ${s.base}`,
    });
    const pairs = s.layout === 'interleaved' ? Math.ceil(s.dim / 2) : s.dim >> 1;
    const first = w[columnOf(0, s.dim, s.layout).sine];
    const last = w[s.layout === 'interleaved' ? 2 * (pairs - 1) : pairs - 1];
    view.element('note').textContent = `${pairs} frequencies, from ω_0 = ${fmt(first)} (wavelength ${fmt((2 * Math.PI) / first)} positions) ` +
      `down to ω_${pairs - 1} = ${fmt(last)} (wavelength ${fmt((2 * Math.PI) / last)} positions). ` +
      `Move over the map, or focus it and use the arrow keys, to read a cell.`;
    return {
      caption: `PE(i, c) for L = ${s.length}, D = ${s.dim}, base ${s.base}, ${s.layout} layout, ${s.spacing} spacing`,
      columns: ['position', ...Array.from({ length: s.dim }, (_, c) => `d${c}`)],
      rows: Array.from({ length: s.length }, (_, i) => [i, ...data.subarray(i * s.dim, (i + 1) * s.dim)]),
      summary: `Frequencies ω_k from ${fmt(first)} to ${fmt(last)}; wavelengths from ${fmt((2 * Math.PI) / first)} ` +
        `to ${fmt((2 * Math.PI) / last)} positions.`,
    };
  }
}
