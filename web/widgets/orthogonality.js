// posenc-orthogonality: random vectors in high dimension are nearly orthogonal.
// The cosines of L random vectors (the core's `similarity`, scheme random,
// measure cosine: p_ij ~ U(-1, 1)) gather around 0 with a spread that shrinks
// like 1/sqrt(D) (for i.i.d. zero-mean entries, cos has mean 0 and variance
// about 1/D). Histograms for four widths, and the measured spread against 1/sqrt(D).
import { PosencWidget } from './base.js';
import { fmt } from './plot.js';

const BINS = 40;

export class Orthogonality extends PosencWidget {
  static params = {
    length: { type: 'int', min: 8, max: 256, default: 64, label: 'Number of vectors L' },
    dim: { type: 'int', min: 64, max: 4096, default: 1024, label: 'Largest width D' },
    seed: { type: 'int', min: 0, max: 9999, default: 0, label: 'Seed' },
  };

  draw(core, s, view) {
    // Widths D, D/4, D/16, D/64: a factor 2 in 1/sqrt(D) between neighbours.
    const dims = [64, 16, 4, 1].map((k) => Math.max(1, Math.round(s.dim / k)));
    const runs = dims.map((dim) => core.similarity({ scheme: 'random', length: s.length, dim, seed: s.seed, measure: 'cosine' }));
    // The off-diagonal cosines (i < j) of each width; what is shown is counted here.
    const cosines = runs.map((r) => {
      const out = [];
      for (let i = 0; i < s.length; i++) for (let j = i + 1; j < s.length; j++) out.push(r.similarity[i * s.length + j]);
      return out;
    });
    const width = 2 / BINS;
    const centres = Array.from({ length: BINS }, (_, b) => -1 + (b + 0.5) * width);
    const hist = cosines.map((c) => {
      const counts = new Array(BINS).fill(0);
      for (const v of c) counts[Math.min(BINS - 1, Math.floor((v + 1) / width))]++;
      return counts.map((n) => n / (c.length * width)); // density: the area is 1
    });
    const std = cosines.map((c) => Math.sqrt(c.reduce((a, v) => a + v * v, 0) / c.length));
    view.row('charts');
    view.chart('hist', {
      title: 'Cosines of random vectors', xLabel: 'cos(p_i, p_j), i ≠ j', yLabel: 'density', xDomain: [-1, 1],
      label: 'Histograms of the cosines of random vectors, one per width',
      series: dims.map((d, k) => ({ name: `D = ${d}`, x: centres, y: hist[k], kind: 'step' })),
    }, 'charts');
    view.chart('spread', {
      title: 'Spread against width', xLabel: 'width D', yLabel: 'RMS of the cosines', xLog: true,
      label: 'Root mean square of the cosines against the width, with 1 over the square root of D',
      series: [{ name: 'measured', x: dims, y: std, kind: 'points', radius: 4 },
        { name: '1/√D', x: dims, y: dims.map((d) => 1 / Math.sqrt(d)), kind: 'line' }],
    }, 'charts');
    view.element('note').textContent = dims.map((d, k) => `D = ${d}: RMS ${fmt(std[k])} (1/√D = ${fmt(1 / Math.sqrt(d))})`).join('; ') +
      `. Each quadrupling of D halves the spread: random position vectors are nearly orthogonal, so they carry no notion of nearness.`;
    return {
      caption: `Density of the ${cosines[0].length} cosines per width (L = ${s.length} vectors, seed ${s.seed})`,
      columns: ['bin centre', ...dims.map((d) => `D = ${d}`)],
      rows: centres.map((c, b) => [Number(c.toFixed(3)), ...hist.map((h) => h[b])]),
      summary: dims.map((d, k) => `D = ${d}: RMS of the cosines ${fmt(std[k])}, 1/sqrt(D) = ${fmt(1 / Math.sqrt(d))}.`).join(' '),
    };
  }
}
