// posenc-alibi-bias: ALiBi (Press et al., ICLR 2022, "Train Short, Test Long").
// No position vectors: each head h adds the bias -m_h (i - j) to the logit of
// query i and key j (j <= i, causal), with the geometric slopes of the reference
// get_slopes: m_h = 2^(-8(h+1)/H) for H a power of two (other H: the closest power
// of two's slopes, then every other slope of twice as many heads). Without the
// causal mask the bias is the symmetric -m_h |i - j|. Shown: every head's bias
// (small multiples on one colour scale), the chosen head's bias with its legend,
// and the attention weights that bias gives on the core's seeded q, k, v.
// Slopes and biases are the core's `alibi`, the weights its `attention`.
import { PosencWidget } from './base.js';
import { fmt } from './plot.js';
import { headIndex, headPanels } from './head-panels.js';

/** A slope as 1/2^k when it is a power of two (the paper writes them so), else in digits. */
function slopeText(m) {
  const k = -Math.log2(m);
  return Number.isInteger(k) ? `1/${2 ** k}` : fmt(m);
}

/** The weights with masked keys (the core's NaN logits) as NaN, so they draw as empty, not as 0. */
const masked = (weights, scores) => Float32Array.from(weights, (w, n) => (Number.isNaN(scores[n]) ? NaN : w));

export class AlibiBias extends PosencWidget {
  static params = {
    heads: { type: 'int', min: 1, max: 32, default: 8, label: 'Heads H' },
    length: { type: 'int', min: 2, max: 64, default: 16, label: 'Positions L' },
    head: { type: 'int', min: 1, max: 32, default: 1, label: 'Head shown (1 = steepest)' },
    causal: { type: 'bool', default: true, label: 'Causal (off: symmetric −m|i − j|)' },
    dim: { type: 'int', min: 1, max: 64, default: 16, label: 'Head width d (attention)' },
    seed: { type: 'int', min: 0, max: 9999, default: 0, label: 'Seed of q, k, v' },
  };

  draw(core, s, view) {
    const h = headIndex(s.head, s.heads);
    const L = s.length;
    const { slopes, bias } = core.alibi({ heads: s.heads, length: L, symmetric: !s.causal });
    const att = core.attention({ scheme: 'alibi', length: L, heads: s.heads, dim: s.dim, causal: s.causal, seed: s.seed,
      weights: true, scores: true });
    const LL = L * L;
    const head = (t, k) => t.subarray(k * LL, (k + 1) * LL);
    const biasDomain = [bias.reduce((a, v) => (v < a ? v : a), -1e-6), 0]; // NaN compares false: skipped
    const biasText = s.causal ? 'bias −m_h (i − j)' : 'bias −m_h |i − j|';

    headPanels(view, 'heads', {
      title: `${s.causal ? 'Bias −m_h (i − j)' : 'Bias −m_h |i − j|'} of every head (one colour scale; click a head to show it below)`,
      panels: Array.from(slopes, (m, k) => ({ data: head(bias, k), title: `head ${k + 1}`, subtitle: `m = ${slopeText(m)}` })),
      rows: L, cols: L, map: 'viridis', domain: biasDomain, selected: h,
      label: `The ${biasText} of all ${s.heads} heads, ${L} by ${L} each, on one colour scale; slopes ${Array.from(slopes, slopeText).join(', ')}`,
      onSelect: (k) => this.userSet('head', String(k + 1)),
    });
    const row = view.row('pair');
    view.heatmap('bias', {
      data: head(bias, h), rows: L, cols: L, map: 'viridis', domain: biasDomain,
      title: `Head ${s.head}: ${biasText}, m = ${slopeText(slopes[h])}`, xLabel: 'key j', yLabel: 'query i',
      label: `The ALiBi bias of head ${s.head}`,
      readout: (i, j, v) => (Number.isNaN(v) ? `query ${i}, key ${j}: masked (key after query)`
        : `query ${i}, key ${j}: bias ${fmt(v)} = −${fmt(slopes[h])} × ${Math.abs(i - j)}`),
    }, 'pair');
    const weights = masked(head(att.weights, h), head(att.scores, h));
    view.heatmap('weights', {
      data: weights, rows: L, cols: L, map: 'viridis', domain: [0, 1],
      title: `Head ${s.head}: attention weights`, xLabel: 'key j', yLabel: 'query i',
      label: `The attention weights of head ${s.head} with its ALiBi bias, on seeded random q, k, v`,
      readout: (i, j, v) => (Number.isNaN(v) ? `query ${i}, key ${j}: masked`
        : `query ${i}, key ${j}: weight ${fmt(v)}, logit ${fmt(att.scores[h * LL + i * L + j])}`),
    }, 'pair');
    row.setAttribute('aria-label', `Head ${s.head}: bias and attention weights side by side`);

    // How far back the chosen head looks: the weight on the query's own token and on keys at least 4 back.
    const last = L - 1;
    const lastRow = weights.subarray(last * L, last * L + L);
    const far = lastRow.reduce((a, w, j) => a + (last - j >= 4 && !Number.isNaN(w) ? w : 0), 0);
    view.element('slopes').textContent = `Slopes m_h, head 1 to ${s.heads}: ${Array.from(slopes, slopeText).join(', ')}.`;
    view.element('note').textContent = `Head ${s.head} penalizes a key ${fmt(slopes[h])} per position of distance; ` +
      `the last query (i = ${last}) gives weight ${fmt(lastRow[last])} to itself and ${fmt(far)} to keys 4 or more positions ` +
      `${s.causal ? 'back' : 'away'}.`;

    return {
      caption: `ALiBi biases and attention weights, H = ${s.heads}, L = ${L}, ${s.causal ? 'causal' : 'symmetric'}`,
      columns: ['head', 'slope', 'query i', 'key j', 'bias', 'weight'],
      // Built when the table or the CSV asks (H L^2 rows: too many to build on every redraw).
      get rows() {
        return Array.from(bias, (b, n) => [Math.floor(n / LL) + 1, slopes[Math.floor(n / LL)], Math.floor((n % LL) / L), n % L, b, att.weights[n]]);
      },
      summary: `Slopes: ${Array.from(slopes, (m, k) => `head ${k + 1} ${slopeText(m)}`).join('; ')}. Masked biases are empty.`,
    };
  }
}
