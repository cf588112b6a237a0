// posenc-fire-bias: FIRE, Functional Interpolation for Relative positions (Li et
// al., ICLR 2024, eq. 3-4). The bias of query i and key j <= i is a small MLP f of
// the normalized distance u(i, j) = psi(i - j) / psi(max(i, L_thr)), with
// psi(x) = log(c x + 1): the log compresses far distances, and dividing by the
// query's own (thresholded) psi maps every row onto [0, 1], so a longer sequence
// reuses the same input range. Below L_thr the normalizer is the constant
// psi(L_thr); past it, it grows with i. Shown: f per head (the seeded, untrained
// MLP Linear(1, W), ReLU, Linear(W, H): piecewise linear), the normalizer against
// i, the input matrix, and each head's bias. Input and bias are the core's `fire`.
import { PosencWidget } from './base.js';
import { fmt, domainOf } from './plot.js';
import { headIndex, headPanels } from './head-panels.js';

/** Points per head drawn of the learned function. */
const POINTS = 600;

export class FireBias extends PosencWidget {
  static params = {
    length: { type: 'int', min: 2, max: 128, default: 32, label: 'Positions L' },
    heads: { type: 'int', min: 1, max: 8, default: 2, label: 'Heads H' },
    head: { type: 'int', min: 1, max: 8, default: 1, label: 'Head shown' },
    threshold: { type: 'int', min: 1, max: 1024, default: 512, label: 'Threshold L_thr' },
    c: { type: 'number', min: 0.01, max: 10, default: 0.1, step: 0.01, label: 'Scale c in ψ(x) = log(cx + 1)' },
    // The CLI's --hidden, renamed: `hidden` is HTML's global attribute (hidden="64" would hide the widget).
    'mlp-width': { type: 'int', min: 1, max: 128, default: 32, label: 'MLP width' },
    seed: { type: 'int', min: 0, max: 9999, default: 0, label: 'Seed of the MLP' },
  };

  draw(core, s, view) {
    const h = headIndex(s.head, s.heads);
    const L = s.length;
    const r = core.fire({ length: L, heads: s.heads, c: s.c, threshold: s.threshold, hidden: s.mlpWidth, seed: s.seed });
    const LL = L * L;
    const headBias = (k) => r.bias.subarray(k * LL, (k + 1) * LL);

    // f per head: the core's (u, bias) pairs of every unmasked cell, in order of u.
    const cells = [];
    for (let i = 0; i < L; i++) for (let j = 0; j <= i; j++) cells.push(i * L + j);
    cells.sort((x, y) => r.input[x] - r.input[y]);
    // Every cell up to POINTS of them, then an even sample in order of u (an SVG path of L^2/2 points per head is slow).
    const every = Math.ceil(cells.length / POINTS);
    const shown = cells.filter((_, k) => k % every === 0 || k === cells.length - 1);
    const u = shown.map((n) => r.input[n]);
    view.chart('function', {
      title: 'Learned bias f(u) per head', xLabel: 'normalized distance u', yLabel: 'bias', xDomain: [0, 1],
      label: `The bias each head gives to the normalized distance u, ${s.heads} heads`,
      series: Array.from({ length: s.heads }, (_, k) => ({ name: `head ${k + 1}`, x: u, y: shown.map((n) => r.bias[k * LL + n]), kind: 'line' })),
    });

    // The normalizer psi(max(i, L_thr)) from the core's input: u(i, i - 1) = psi(1) / normalizer(i).
    const psi1 = Math.log(s.c + 1);
    const rowsI = Array.from({ length: L - 1 }, (_, k) => k + 1);
    const norm = rowsI.map((i) => psi1 / r.input[i * L + i - 1]);
    const far = rowsI.map((i) => r.input[i * L]);
    const row = view.row('curves');
    row.setAttribute('aria-label', 'The normalizer and the input of the farthest key against the query position');
    view.chart('normalizer', {
      title: 'Normalizer ψ(max(i, L_thr))', xLabel: 'query position i', yLabel: 'ψ(max(i, L_thr))', xInteger: true,
      label: `The normalizer of each query position, threshold ${s.threshold}, c = ${s.c}`,
      series: [{ name: 'normalizer', x: rowsI, y: norm, kind: 'line' }],
      vrules: [{ x: s.threshold, label: `L_thr = ${s.threshold}` }],
    }, 'curves');
    view.chart('far', {
      title: 'u(i, 0): the farthest key', xLabel: 'query position i', yLabel: 'u(i, 0)', xInteger: true, yDomain: [0, 1.05],
      label: 'The normalized distance of key 0 from each query: it reaches 1 once i passes the threshold',
      series: [{ name: 'u(i, 0)', x: rowsI, y: far, kind: 'line' }],
      vrules: [{ x: s.threshold, label: 'L_thr' }],
    }, 'curves');

    // One colour scale for every head's bias (sequential: an untrained MLP's biases need not straddle 0).
    const domain = domainOf(r.bias, 'viridis');
    headPanels(view, 'heads', {
      title: `Bias of each head (one colour scale${s.heads > 1 ? '; click a head to show it below' : ''})`,
      panels: Array.from({ length: s.heads }, (_, k) => ({ data: headBias(k), title: `head ${k + 1}` })),
      rows: L, cols: L, map: 'viridis', domain, selected: h,
      label: `The bias of each of the ${s.heads} heads on one colour scale`,
      onSelect: (k) => this.userSet('head', String(k + 1)),
    });
    const maps = view.row('maps');
    maps.setAttribute('aria-label', `The normalized input and the bias of head ${s.head}`);
    view.heatmap('input', {
      data: r.input, rows: L, cols: L, map: 'viridis', domain: [0, 1], title: 'Input u(i, j)', xLabel: 'key j', yLabel: 'query i',
      label: 'The normalized distance of each query and key',
      readout: (i, j, v) => (Number.isNaN(v) ? `query ${i}, key ${j}: masked (key after query)`
        : `query ${i}, key ${j}: u = ψ(${i - j}) / ψ(${Math.max(i, s.threshold)}) = ${fmt(v)}`),
    }, 'maps');
    view.heatmap('bias', {
      data: headBias(h), rows: L, cols: L, map: 'viridis', domain, title: `Head ${s.head}: bias f(u(i, j))`,
      xLabel: 'key j', yLabel: 'query i', label: `The FIRE bias of head ${s.head}`,
      readout: (i, j, v) => (Number.isNaN(v) ? `query ${i}, key ${j}: masked`
        : `query ${i}, key ${j}: u = ${fmt(r.input[i * L + j])}, bias ${fmt(v)}`),
    }, 'maps');

    const last = L - 1;
    view.element('note').textContent = `ψ(1) = log(c + 1) = ${fmt(psi1)}. The normalizer is ${fmt(norm[0])} at i = 1 and ` +
      `${fmt(norm[norm.length - 1])} at i = ${last}` + (s.threshold >= last ? ` (constant: every i is below L_thr = ${s.threshold}); `
        : ` (it grows from i = ${s.threshold} on); `) +
      `the farthest key of the last query has u = ${fmt(far[far.length - 1])}.`;
    return {
      caption: `FIRE input and bias, L = ${L}, L_thr = ${s.threshold}, c = ${s.c}, MLP width ${s.mlpWidth}, seed ${s.seed} (keys after the query are masked and left out)`,
      columns: ['query i', 'key j', 'u', ...Array.from({ length: s.heads }, (_, k) => `bias head ${k + 1}`)],
      // Built when the table or the CSV asks, in (i, j) order.
      get rows() {
        const out = [];
        for (let i = 0; i < L; i++) {
          for (let j = 0; j <= i; j++) out.push([i, j, r.input[i * L + j], ...Array.from({ length: s.heads }, (_, k) => r.bias[k * LL + i * L + j])]);
        }
        return out;
      },
      summary: `Normalizer against i = 1..${last}: ${norm.map(fmt).join(', ')}.`,
    };
  }
}
