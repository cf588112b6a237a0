// posenc-sinusoidal-similarity: <p_i, p_j> of the sinusoids depends on i - j only.
// Vaswani et al. 2017 (section 3.5): each pair (sin i w_k, cos i w_k) is a point on
// the unit circle at angle i w_k, and moving to i + Δ turns it by Δ w_k, the same
// for every i, so <p_i, p_{i+Δ}> = sum_k cos(Δ w_k): symmetric in Δ, largest at 0,
// decaying with ripples. The matrix and its diagonals come from the core
// (`similarity`), the points on the circle from its encoding (`encode`).
import { PosencWidget } from './base.js';
import { fmt, CATEGORICAL } from './plot.js';
import { svgEl, svgCanvas } from './svg.js';
import { columnFrequencies } from './sinusoidal-heatmap.js';

export class SinusoidalSimilarity extends PosencWidget {
  static params = {
    length: { type: 'int', min: 2, max: 512, default: 64, label: 'Positions L' },
    dim: { type: 'int', min: 2, max: 256, default: 64, step: 2, label: 'Width D' },
    base: { type: 'number', min: 2, max: 1000000, default: 10000, step: 1, label: 'Base' },
    shift: { type: 'int', min: 0, max: 511, default: 3, label: 'Shift Δ' },
    position: { type: 'int', min: 0, max: 511, default: 2, label: 'Position i (on the circle)' },
    pair: { type: 'int', min: 0, max: 127, default: 1, label: 'Frequency pair k (on the circle)' },
  };

  draw(core, s, view) {
    const pairs = s.dim >> 1;
    if (s.shift > s.length - 1) throw new Error(`shift: got ${s.shift}; allowed: integer in [0, ${s.length - 1}] (below L)`);
    if (s.pair > pairs - 1) throw new Error(`pair: got ${s.pair}; allowed: integer in [0, ${pairs - 1}] (D/2 pairs)`);
    const opts = { scheme: 'sinusoidal', dim: s.dim, base: s.base };
    const sim = core.similarity({ ...opts, length: s.length });
    const S = sim.similarity;
    const by = sim.byOffset;
    const j = s.position + s.shift;
    const pe = core.encode({ ...opts, length: Math.max(s.length, j + 1, 2) }).data;
    const w = columnFrequencies(pe.subarray(s.dim, 2 * s.dim), s.dim, 'interleaved');

    // The matrix and the curve along its diagonals.
    const row = view.row('top');
    row.setAttribute('aria-label', 'The similarity matrix and the rotation of one frequency pair');
    view.heatmap('matrix', {
      data: S, rows: s.length, cols: s.length, map: 'diverging',
      title: 'p_i · p_j for every pair', xLabel: 'position j', yLabel: 'position i',
      label: `Dot products of the encodings of ${s.length} positions`,
      readout: (a, b, v) => `p_${a} · p_${b} = ${fmt(v)} (offset i − j = ${a - b})`,
    }, 'top');
    const x = Array.from(by.offset, (k) => 0 - k); // the core's offset is j - i; the axis shows i - j
    const at = by.offset.indexOf(s.shift); // offset j - i = Δ
    view.chart('curve', {
      title: 'Against the offset i − j', xLabel: 'offset i − j', yLabel: 'p_i · p_j', xInteger: true,
      label: 'The dot product of two positions against their offset',
      series: [
        { name: 'mean over pairs', x, y: by.mean, kind: 'line' },
        ...(s.position < s.length ? [{ name: `row i = ${s.position}: p_${s.position} · p_j`, x: Array.from({ length: s.length }, (_, b) => s.position - b),
          y: S.subarray(s.position * s.length, (s.position + 1) * s.length), kind: 'points', colour: CATEGORICAL[2] }] : []),
        { name: `offset ±${s.shift}`, x: [-s.shift, s.shift], y: [by.mean[at], by.mean[by.offset.indexOf(-s.shift)]],
          kind: 'points', colour: CATEGORICAL[3], radius: 5 },
      ],
    });

    // The rotation: pair k of every position on the unit circle.
    const c = 2 * s.pair;
    const point = (i) => [pe[i * s.dim + c], pe[i * s.dim + c + 1]]; // (sin i w_k, cos i w_k)
    const [a, b] = [point(s.position), point(j)];
    const turned = Math.atan2(a[1] * b[0] - a[0] * b[1], a[0] * b[0] + a[1] * b[1]); // angle from p_i to p_{i+Δ}
    this.circle(view, s, point, a, b, w[c], 'top');

    let spread = 0;
    for (let n = 0; n < by.offset.length; n++) spread = Math.max(spread, by.max[n] - by.min[n]);
    const sij = S[s.position < s.length && j < s.length ? s.position * s.length + j : 0];
    const pairText = s.position < s.length && j < s.length ? `p_${s.position} · p_${j} = ${fmt(sij)}; ` : '';
    view.element('note').textContent = `${pairText}every pair at offset ${s.shift} has ${fmt(by.mean[at])} ` +
      `(${by.pairs[at]} pairs, largest spread along any diagonal ${fmt(spread)}). ` +
      `Pair ${s.pair}: ω_${s.pair} = ${fmt(w[c])}; the shift turns it by Δω = ${fmt(s.shift * w[c])} rad, ` +
      `seen on the circle as ${fmt(turned)} rad (the same angle modulo 2π).`;
    return {
      caption: `p_i · p_j per offset i − j for L = ${s.length}, D = ${s.dim}, base ${s.base}`,
      columns: ['offset i − j', 'pairs', 'mean', 'min', 'max'],
      rows: Array.from(by.offset, (k, n) => [0 - k, by.pairs[n], by.mean[n], by.min[n], by.max[n]]),
      summary: `The dot product is the same along each diagonal (largest spread ${fmt(spread)}), ` +
        `${fmt(by.mean[by.offset.indexOf(0)])} at offset 0 and ${fmt(by.mean[at])} at offset ${s.shift}.`,
    };
  }

  // The unit circle of pair k: every position as a dot, p_i and p_{i+Δ} as spokes.
  circle(view, s, point, a, b, wk, parent) {
    const size = Math.max(260, Math.min(360, view.figure.clientWidth || 360));
    const { svg, t } = svgCanvas(view, 'circle', size, size + 30,
      `Pair ${s.pair} of positions 0 to ${Math.max(s.length, s.position + s.shift + 1) - 1} on the unit circle`, parent);
    const r = size * 0.36;
    const cx = size / 2;
    const cy = 30 + size / 2;
    const P = ([sn, cs]) => [cx + r * sn, cy - r * cs]; // sine to the right, cosine up
    svg.append(svgEl('text', { x: 0, y: 17, fill: t.fg, 'font-weight': 'bold', 'font-size': 13 },
      `Pair ${s.pair} (dims ${2 * s.pair}, ${2 * s.pair + 1}) on the unit circle`));
    svg.append(svgEl('circle', { cx, cy, r, fill: 'none', stroke: t.muted }));
    svg.append(svgEl('path', { d: `M${cx - r - 8},${cy}H${cx + r + 8}M${cx},${cy - r - 8}V${cy + r + 8}`, stroke: t.muted, 'stroke-opacity': 0.4 }));
    svg.append(svgEl('text', { x: cx + r + 8, y: cy + 16, fill: t.fg, 'text-anchor': 'end' }, `sin iω`));
    svg.append(svgEl('text', { x: cx + 6, y: cy - r - 10, fill: t.fg }, `cos iω`));
    // Every position's point, as one path of small discs (one node, not L).
    let d = '';
    for (let i = 0; i < s.length; i++) { const [px, py] = P(point(i)); d += `M${px - 2},${py}a2,2 0 1,0 4,0a2,2 0 1,0 -4,0`; }
    svg.append(svgEl('path', { d, fill: t.muted }));
    [[a, `p_${s.position}`, CATEGORICAL[0], ''], [b, `p_${s.position + s.shift}`, CATEGORICAL[4], '5 3']].forEach(([p, name, colour, dash]) => {
      const [px, py] = P(p);
      svg.append(svgEl('path', { d: `M${cx},${cy}L${px},${py}`, stroke: colour, 'stroke-width': 2.5, 'stroke-dasharray': dash || undefined }));
      svg.append(svgEl('circle', { cx: px, cy: py, r: 5, fill: colour }));
      const out = [cx + (px - cx) * 1.22, cy + (py - cy) * 1.22];
      svg.append(svgEl('text', { x: out[0], y: out[1] + 4, fill: t.fg, 'text-anchor': 'middle', 'font-weight': 600 }, name));
    });
    svg.append(svgEl('text', { x: cx, y: size + 24, fill: t.fg, 'text-anchor': 'middle' },
      `turned by Δω_${s.pair} = ${s.shift} × ${fmt(wk)} = ${fmt(s.shift * wk)} rad`));
  }
}
