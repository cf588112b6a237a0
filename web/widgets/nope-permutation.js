// posenc-nope-permutation: attention without positions (NoPE) is permutation
// equivariant. With no mask, softmax(Q K^T / sqrt(d)) V for the tokens in another
// order is the same rows in that order: out(P X) = P out(X) (Vaswani et al. 2017
// have no order without an encoding; Kazemnejad et al., NeurIPS 2023, on NoPE).
// A causal mask breaks this: token t sees only the tokens before it, so moving it
// changes what it sees, and a decoder can recover order from the mask alone
// (Haviv et al. 2022). Both cases are the core's `attention` (scheme none) on its
// seeded q, k, v, once in order and once with `permute`; the widget puts the
// shuffled outputs back in token order and subtracts.
import { PosencWidget } from './base.js';
import { fmt } from './plot.js';

/**
 * The permutation of 0..L-1 a shuffle seed names: 0 is the identity, any other
 * seed a Fisher-Yates shuffle driven by mulberry32(seed) (a small seeded PRNG, so
 * the seed in the URL reproduces the order).
 */
export function shuffled(L, seed) {
  const p = Array.from({ length: L }, (_, t) => t);
  if (seed === 0) return p;
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let t = L - 1; t > 0; t--) {
    const s = Math.floor(rand() * (t + 1));
    [p[t], p[s]] = [p[s], p[t]];
  }
  return p;
}

export class NopePermutation extends PosencWidget {
  static params = {
    length: { type: 'int', min: 2, max: 16, default: 6, label: 'Tokens L' },
    dim: { type: 'int', min: 1, max: 16, default: 4, label: 'Head width d' },
    shuffle: { type: 'int', min: 0, max: 9999, default: 1, label: 'Shuffle (0 = original order)' },
    seed: { type: 'int', min: 0, max: 9999, default: 0, label: 'Seed of q, k, v' },
  };

  draw(core, s, view) {
    const L = s.length;
    const d = s.dim;
    const perm = shuffled(L, s.shuffle);
    const run = (causal, permute) => core.attention({ scheme: 'none', length: L, heads: 1, dim: d, seed: s.seed, causal, permute }).output;
    // Row t of a shuffled run holds token perm[t]: put it back at row perm[t].
    const unshuffle = (out) => {
      const back = new Float32Array(L * d);
      perm.forEach((tok, t) => back.set(out.subarray(t * d, (t + 1) * d), tok * d));
      return back;
    };
    const cases = [false, true].map((causal) => {
      const before = run(causal, undefined);
      const after = unshuffle(run(causal, perm));
      const diff = Array.from({ length: L }, (_, tok) => {
        let m = 0;
        for (let c = 0; c < d; c++) m = Math.max(m, Math.abs(after[tok * d + c] - before[tok * d + c]));
        return m;
      });
      return { causal, before, after, diff, max: Math.max(...diff) };
    });

    const button = view.element('shuffle', 'button', 'shuffle');
    if (!button.dataset.wired) {
      button.dataset.wired = '1';
      button.type = 'button';
      button.setAttribute('part', 'button');
      button.style.justifySelf = 'start'; // not stretched across the figure's grid
      button.addEventListener('click', () => this.userSet('shuffle', String((this.state.shuffle % 9999) + 1)));
    }
    button.textContent = `Shuffle again (seed ${s.shuffle} → ${(s.shuffle % 9999) + 1})`;
    view.element('order').textContent = `Token order fed in: ${perm.map((t) => `w${t}`).join(' ')}` +
      (s.shuffle === 0 ? ' (the original order).' : ` (shuffle seed ${s.shuffle}).`);

    const domain = (() => {
      let m = 0;
      for (const c of cases) for (const a of [c.before, c.after]) for (const v of a) m = Math.max(m, Math.abs(v));
      return [-m || -1, m || 1];
    })();
    for (const c of cases) {
      const tag = c.causal ? 'causal' : 'open';
      const name = c.causal ? 'Causal' : 'No mask';
      view.row(tag).setAttribute('aria-label', `${name}: outputs in order and the shuffled run's outputs put back in token order`);
      for (const [key, data, title] of [['before', c.before, `${name}: tokens in order`],
        ['after', c.after, `${name}: shuffled, rows put back`]]) {
        view.heatmap(`${tag}-${key}`, {
          data, rows: L, cols: d, map: 'diverging', domain, title, xLabel: 'output dimension', yLabel: 'token w',
          height: Math.max(110, 20 * L), label: `${title}: attention outputs, one row per token`,
          readout: (tok, k, v) => `token w${tok}, dimension ${k}: ${fmt(v)} (max difference for w${tok}: ${fmt(c.diff[tok])})`,
        }, tag);
      }
    }
    this.table(view, perm, cases);
    const [open, causal] = cases;
    view.element('note').textContent = `No mask: the largest difference after putting the rows back is ${fmt(open.max)} ` +
      '(float rounding: the outputs moved with their tokens). ' +
      `Causal mask: ${fmt(causal.max)}` + (causal.max > 1e-4 ? ', the outputs changed: what a token sees depends on its place.'
        : ' (this order moves no token\'s set of predecessors).');
    return {
      caption: `Attention without positions, L = ${L}, d = ${d}, seed ${s.seed}, order ${perm.join(' ')}`,
      columns: ['token', 'position in order', 'position shuffled', 'max |difference|, no mask', 'max |difference|, causal'],
      rows: perm.map((_, tok) => [`w${tok}`, tok, perm.indexOf(tok), open.diff[tok], causal.diff[tok]]),
      summary: `Largest difference after un-shuffling: ${fmt(open.max)} without a mask, ${fmt(causal.max)} with the causal mask.`,
    };
  }

  // The visible table of differences per token (text only).
  table(view, perm, [open, causal]) {
    const table = view.element('diffs', 'table', 'diffs');
    table.style.justifySelf = 'start';
    const cell = (tag, text, attrs = {}) => {
      const e = document.createElement(tag);
      e.textContent = text;
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      return e;
    };
    const caption = cell('caption', 'Largest |difference| per token between the run in order and the shuffled run put back');
    const head = document.createElement('tr');
    for (const h of ['token', 'moved from → to', 'no mask', 'causal mask']) head.append(cell('th', h, { scope: 'col' }));
    const body = document.createElement('tbody');
    perm.forEach((_, tok) => {
      const tr = document.createElement('tr');
      tr.append(cell('th', `w${tok}`, { scope: 'row' }), cell('td', `${tok} → ${perm.indexOf(tok)}`),
        cell('td', fmt(open.diff[tok])), cell('td', fmt(causal.diff[tok])));
      body.append(tr);
    });
    const thead = document.createElement('thead');
    thead.append(head);
    table.replaceChildren(caption, thead, body);
  }
}
