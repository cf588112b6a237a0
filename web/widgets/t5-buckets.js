// posenc-t5-buckets: T5's relative-position buckets (Raffel et al. 2020; HF
// T5Attention._relative_position_bucket), one per r = j - i (key minus query),
// from the core's `t5Bucket`. Bidirectional: B/2 buckets per side; causal: r > 0
// is bucket 0 and only r <= 0 is resolved. On each side the first max_exact
// distances get a bucket each (max_exact = floor(B/4) bidirectional, floor(B/2)
// causal, as the reference defines it), then buckets grow logarithmically up to max-distance,
// and every farther distance shares the last bucket.
import { PosencWidget } from './base.js';

// The exact region's size max_exact of each mode, and its reference lines.
const MODES = [
  { name: 'Bidirectional', causal: false, exact: (B) => Math.floor(B / 4), // HF: (B // 2) // 2
    rules: (e, d) => [{ x: -e }, { x: e, label: `exact: |r| < ${e}`, at: 'bottom' }, { x: -d }, { x: d, label: `${d}`, at: 'bottom' }] },
  { name: 'Causal', causal: true, exact: (B) => Math.floor(B / 2), // HF: B // 2
    rules: (e, d) => [{ x: -e, label: `exact: r > −${e}`, at: 'bottom', anchor: 'end' }, { x: -d, label: `−${d}`, at: 'bottom', anchor: 'end' }] },
];

export class T5Buckets extends PosencWidget {
  static params = {
    'num-buckets': { type: 'int', min: 4, max: 128, default: 32, step: 2, label: 'Buckets B' },
    'max-distance': { type: 'int', min: 2, max: 2048, default: 128, label: 'Max distance' },
    span: { type: 'int', min: 8, max: 4096, default: 160, label: 'Relative positions shown ±' },
    position: { type: 'int', min: -4096, max: 4096, default: 20, label: 'Read r = j − i' },
  };

  draw(core, s, view) {
    const r = Array.from({ length: 2 * s.span + 1 }, (_, n) => n - s.span);
    const opts = { numBuckets: s.numBuckets, maxDistance: s.maxDistance };
    // Both modes computed before drawing: either may reject the combination.
    const results = MODES.map((m) => core.t5Bucket({ ...opts, causal: m.causal, positions: r }));
    // The bucket of the chosen r and of r = ±max-distance (where the last bucket starts).
    const asked = MODES.map((m) => core.t5Bucket({ ...opts, causal: m.causal, positions: [s.position, s.maxDistance, -s.maxDistance] }).buckets);
    const row = view.row('modes');
    row.setAttribute('aria-label', 'Bidirectional and causal buckets side by side');
    MODES.forEach((m, k) => {
      view.chart(m.name, {
        title: m.name, xLabel: 'relative position r = j − i', yLabel: 'bucket', xInteger: true,
        label: `${m.name} T5 buckets against relative position`, yDomain: [-0.5, s.numBuckets - 0.5],
        series: [
          { name: 'bucket', x: r, y: results[k].buckets, kind: 'step' },
          { name: `r = ${s.position}`, x: [s.position], y: [asked[k][0]], kind: 'points', colour: '#D55E00' },
        ],
        vrules: m.rules(m.exact(s.numBuckets), s.maxDistance),
      }, 'modes');
    });
    const [bi, ca] = MODES.map((m) => m.exact(s.numBuckets));
    view.element('note').textContent = `r = ${s.position}: bucket ${asked[0][0]} bidirectional, ${asked[1][0]} causal. ` +
      `Exact region (one bucket per distance): |r| < ${bi} bidirectional, −${ca} < r ≤ 0 causal; ` +
      `then logarithmic steps up to ${s.maxDistance}; from there on every distance shares the last bucket ` +
      `(bidirectional: ${asked[0][1]} for r ≥ ${s.maxDistance}, ${asked[0][2]} for r ≤ −${s.maxDistance}; ` +
      `causal: ${asked[1][2]} for r ≤ −${s.maxDistance}).`;
    return {
      caption: `T5 buckets for r = −${s.span}..${s.span}, B = ${s.numBuckets}, max distance ${s.maxDistance}`,
      columns: ['r = j − i', 'bidirectional bucket', 'causal bucket'],
      rows: r.map((v, n) => [v, results[0].buckets[n], results[1].buckets[n]]),
      summary: `Distinct buckets used: ${new Set(results[0].buckets).size} bidirectional, ${new Set(results[1].buckets).size} causal.`,
    };
  }
}
