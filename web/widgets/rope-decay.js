// posenc-rope-decay: RoFormer's long-term decay (Su et al. 2021, section 3.4.3,
// figure 2). With q and k of all-ones the score at relative distance r is bounded
// by (2/d) sum_j |S_j|, S_j = sum_{k<j} e^{i r theta_k}, theta_k = base^(-2k/d):
// the bound falls, with ripples, as r grows. A larger base slows every frequency,
// so the fall starts later. The curve is the core's `ropeDecay`.
import { PosencWidget } from './base.js';
import { fmt } from './plot.js';

/** Distances drawn one by one; past this the curve is sampled (an SVG of 65536 points is slow). */
const FINE = 1024;
const POINTS = 2048;

export class RopeDecay extends PosencWidget {
  static params = {
    dim: { type: 'int', min: 2, max: 512, default: 128, step: 2, label: 'Head width d' },
    base: { type: 'number', min: 2, max: 10000000, default: 10000, step: 1, label: 'Base' },
    'max-distance': { type: 'int', min: 1, max: 65536, default: 256, label: 'Max distance' },
    axis: { type: 'enum', options: ['linear', 'log'], default: 'linear', label: 'Distance axis' },
  };

  draw(core, s, view) {
    const opts = { dim: s.dim, base: s.base };
    const fine = core.ropeDecay({ ...opts, maxDistance: Math.min(s.maxDistance, FINE) });
    const distance = Array.from(fine.distance);
    const bound = Array.from(fine.bound);
    if (s.maxDistance > FINE) {
      const coarse = core.ropeDecay({ ...opts, maxDistance: s.maxDistance, step: Math.ceil(s.maxDistance / POINTS) });
      coarse.distance.forEach((r, n) => { if (r > FINE) { distance.push(r); bound.push(coarse.bound[n]); } });
    }
    const b0 = bound[0];
    const half = distance[bound.findIndex((b) => b < b0 / 2)];
    const last = bound[bound.length - 1];
    const log = s.axis === 'log';
    view.chart('decay', {
      title: `Decay bound, d = ${s.dim}, base ${fmt(s.base)}`,
      xLabel: log ? 'relative distance m − n (log scale)' : 'relative distance m − n', yLabel: '(2/d) Σ_j |S_j|',
      label: `RoFormer's decay bound against relative distance for head width ${s.dim} and base ${s.base}`,
      xInteger: true, xLog: log,
      series: [{ name: 'bound', x: distance, y: bound, kind: 'line' }],
      rules: [{ y: b0 / 2, label: 'half the bound at 0' }],
      vrules: half !== undefined ? [{ x: half, label: `${half}` }] : [],
    });
    view.element('note').textContent = `The bound is ${fmt(b0)} at distance 0 and ${fmt(last)} at ${distance[distance.length - 1]}; ` +
      (half !== undefined ? `it first falls below half (${fmt(b0 / 2)}) at distance ${half}.`
        : `it stays above half (${fmt(b0 / 2)}) up to ${s.maxDistance}.`) +
      (log ? ' Distance 0 is not on the log axis.' : '');
    return {
      caption: `RoFormer's decay bound for d = ${s.dim}, base ${s.base}` +
        (s.maxDistance > FINE ? ` (every distance to ${FINE}, then every ${Math.ceil(s.maxDistance / POINTS)}th)` : ''),
      columns: ['distance', 'bound'],
      rows: distance.map((r, n) => [r, bound[n]]),
    };
  }
}
