// posenc-attention-map: attention weights softmax(q k^T / sqrt(d) + bias) per head
// under any position scheme of the core: none (NoPE); an absolute encoding added to
// q, k, v (index, normalized, random, learned, sinusoidal); Shaw et al.'s relative
// vectors (relative) or a scalar per clipped distance (relative-bias); T5's
// buckets; RoPE (pairing, base, HF scalings); ALiBi; FIRE. q, k, v are the core's
// seeded N(0, 1) draws, so the pattern is what the scheme alone adds to noise.
// Weights and logits are the core's `attention`; the widget averages them by
// relative position j - i and per head (mean distance sum_j w_ij |i - j|).
import { PosencWidget } from './base.js';
import { camel } from './params.js';
import { fmt } from './plot.js';
import { headIndex, headPanels } from './head-panels.js';

/** Which schemes read each scheme option (the core rejects another scheme's option). */
const OWNERS = {
  base: ['rope', 'sinusoidal'],
  pairing: ['rope'],
  scaling: ['rope'],
  factor: ['rope'],
  clip: ['relative', 'relative-bias'],
  'num-buckets': ['t5'],
  'max-distance': ['t5'],
  threshold: ['fire'],
  c: ['fire'],
};

export class AttentionMap extends PosencWidget {
  static params = {
    scheme: { type: 'enum', options: ['none', 'index', 'normalized', 'random', 'learned', 'sinusoidal', 'relative', 'relative-bias', 't5', 'rope', 'alibi', 'fire'],
      default: 'rope', label: 'Position scheme' },
    length: { type: 'int', min: 1, max: 128, default: 16, label: 'Positions L' },
    heads: { type: 'int', min: 1, max: 16, default: 4, label: 'Heads H' },
    dim: { type: 'int', min: 1, max: 64, default: 16, label: 'Head width d' },
    head: { type: 'int', min: 1, max: 16, default: 1, label: 'Head shown' },
    causal: { type: 'bool', default: false, label: 'Causal mask' },
    seed: { type: 'int', min: 0, max: 9999, default: 0, label: 'Seed of q, k, v and tables' },
    base: { type: 'number', min: 2, max: 1000000, default: 10000, step: 1, label: 'Base' },
    pairing: { type: 'enum', options: ['half', 'interleaved'], default: 'half', label: 'RoPE pairing' },
    scaling: { type: 'enum', options: ['default', 'linear', 'ntk', 'yarn', 'llama3'], default: 'default', label: 'RoPE scaling' },
    factor: { type: 'number', min: 1, max: 64, default: 4, step: 0.5, label: 'Scaling factor' },
    clip: { type: 'int', min: 0, max: 128, default: 16, label: 'Clipping distance k' },
    'num-buckets': { type: 'int', min: 2, max: 64, default: 32, label: 'T5 buckets' },
    'max-distance': { type: 'int', min: 1, max: 1024, default: 128, label: 'T5 max distance' },
    threshold: { type: 'int', min: 1, max: 1024, default: 512, label: 'FIRE threshold L_thr' },
    c: { type: 'number', min: 0.01, max: 10, default: 0.1, step: 0.01, label: 'FIRE scale c' },
  };

  /** The core's attention options for the state: the common ones and the scheme's own. */
  static options(s) {
    const o = { scheme: s.scheme, length: s.length, heads: s.heads, dim: s.dim, causal: s.causal, seed: s.seed };
    for (const [name, schemes] of Object.entries(OWNERS)) {
      if (!schemes.includes(s.scheme)) continue;
      if (name === 'factor' && s.scaling === 'default') continue; // the core takes no factor unscaled
      o[camel(name)] = s[camel(name)];
    }
    return o;
  }

  draw(core, s, view) {
    const h = headIndex(s.head, s.heads);
    const L = s.length;
    const LL = L * L;
    const r = core.attention({ ...AttentionMap.options(s), weights: true, scores: true });
    this.showControls(s);
    // Masked keys (NaN logits) as NaN so they draw empty, not as weight 0.
    const w = Float32Array.from(r.weights, (v, n) => (Number.isNaN(r.scores[n]) ? NaN : v));
    const headOf = (t, k) => t.subarray(k * LL, (k + 1) * LL);
    let top = 0;
    for (const v of w) if (v > top) top = v;
    const domain = [0, top || 1];

    headPanels(view, 'heads', {
      title: `Weights of every head (one colour scale${s.heads > 1 ? '; click a head to show it below' : ''})`,
      panels: Array.from({ length: s.heads }, (_, k) => ({ data: headOf(w, k), title: `head ${k + 1}` })),
      rows: L, cols: L, map: 'viridis', domain, selected: h,
      label: `Attention weights of all ${s.heads} heads under ${s.scheme}, on one colour scale`,
      onSelect: (k) => this.userSet('head', String(k + 1)),
    });
    const row = view.row('detail');
    row.setAttribute('aria-label', `Head ${s.head}: its weights and their mean by relative position`);
    view.heatmap('weights', {
      data: headOf(w, h), rows: L, cols: L, map: 'viridis', domain,
      title: `Head ${s.head}: weights, ${s.scheme}${s.causal ? ' (causal)' : ''}`,
      xLabel: 'key j', yLabel: 'query i', label: `Attention weights of head ${s.head} under the ${s.scheme} scheme`,
      readout: (i, j, v) => (Number.isNaN(v) ? `query ${i}, key ${j}: masked (key after query)`
        : `query ${i}, key ${j}: weight ${fmt(v)}, logit ${fmt(r.scores[h * LL + i * L + j])}`),
    }, 'detail');

    // The mean weight at each relative position j - i (over the queries that have such a key).
    const offsets = Array.from({ length: 2 * L - 1 }, (_, k) => k - (L - 1));
    const byOffset = offsets.map((rel) => {
      let sum = 0;
      let count = 0;
      for (let i = Math.max(0, -rel); i < Math.min(L, L - rel); i++) {
        const v = w[h * LL + i * L + i + rel];
        if (!Number.isNaN(v)) { sum += v; count++; }
      }
      return count ? sum / count : NaN;
    });
    view.chart('offsets', {
      title: `Head ${s.head}: mean weight by j − i`, xLabel: 'relative position j − i', yLabel: 'mean weight',
      xInteger: true, xDomain: [-L + 0.5, s.causal ? 0.5 : L - 0.5], // causal: no key after the query label: `The mean attention weight of head ${s.head} at each relative position`,
      series: [{ name: 'mean weight', x: offsets, y: byOffset, kind: L <= 32 ? 'points' : 'line' }],
    }, 'detail');

    // Mean attention distance per head: sum_j w_ij |i - j|, averaged over queries.
    const distance = Array.from({ length: s.heads }, (_, k) => {
      let sum = 0;
      for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) sum += (r.weights[k * LL + i * L + j] || 0) * Math.abs(i - j);
      return sum / L;
    });
    view.element('note').textContent = `Mean attention distance Σ_j w_ij |i − j| (averaged over queries), head 1 to ${s.heads}: ` +
      `${distance.map(fmt).join(', ')}. Largest weight ${fmt(top)}.`;

    return {
      caption: `Attention weights and logits, scheme ${s.scheme}, L = ${L}, H = ${s.heads}, d = ${s.dim}, seed ${s.seed}${s.causal ? ', causal' : ''} (masked logits empty)`,
      columns: ['head', 'query i', 'key j', 'weight', 'logit'],
      // Built when the table or the CSV asks (H L^2 rows: too many to build on every redraw).
      get rows() {
        return Array.from({ length: s.heads * LL }, (_, n) => [Math.floor(n / LL) + 1, Math.floor((n % LL) / L), n % L, r.weights[n], r.scores[n]]);
      },
      summary: `Mean attention distance per head: ${distance.map((v, k) => `head ${k + 1} ${fmt(v)}`).join('; ')}.`,
    };
  }

  // Shows only the scheme options the chosen scheme reads (the scaling factor only when scaled).
  showControls(s) {
    for (const [name, schemes] of Object.entries(OWNERS)) {
      const input = this.controlsBox.querySelector(`[data-param="${name}"]`);
      const on = schemes.includes(s.scheme) && !(name === 'factor' && s.scaling === 'default');
      // style, not `hidden`: the stylesheet's display: grid on .control would win over [hidden].
      if (input) input.closest('.control').style.display = on ? '' : 'none';
    }
  }
}
