// posenc-rope-rotation: RoPE as a rotation (Su et al. 2021, RoFormer, eq. 13-16).
// One frequency pair k of a query and of a key: the query at position m turns by
// m theta_k, the key at position n by n theta_k, theta_k = base^(-2k/d). Their dot
// product is then |q||k| cos((m - n) theta_k + angle(q) - angle(k)): it depends on
// m and n only through m - n, so moving both by the same shift leaves it unchanged.
// The pair is dimensions (k, k + d/2) with pairing "half" (GPT-NeoX, HF rotate_half)
// and (2k, 2k + 1) with "interleaved" (RoFormer, Meta Llama). Every rotated vector
// is the core's `ropeApply` of a d-wide vector holding only that pair; theta_k is
// its `ropeFreqs`. The widget only places the numbers on circles.
import { PosencWidget } from './base.js';
import { fmt, CATEGORICAL, DASHES } from './plot.js';
import { svgEl, svgCanvas } from './svg.js';

/** Offsets m - n the score chart covers on each side. */
const SPAN = 16;
const rad = (deg) => (deg * Math.PI) / 180;
const deg = (r) => (r * 180) / Math.PI;
const signed = (v) => String(v).replace('-', '−');

export class RopeRotation extends PosencWidget {
  static params = {
    m: { type: 'int', min: -512, max: 512, default: 5, label: 'Query position m' },
    n: { type: 'int', min: -512, max: 512, default: 2, label: 'Key position n' },
    shift: { type: 'int', min: -256, max: 256, default: 4, label: 'Shift both by s' },
    pair: { type: 'int', min: 0, max: 63, default: 0, label: 'Pair k (frequency index)' },
    dim: { type: 'int', min: 2, max: 128, default: 8, step: 2, label: 'Head width d' },
    base: { type: 'number', min: 2, max: 1000000, default: 10000, step: 1, label: 'Base' },
    pairing: { type: 'enum', options: ['half', 'interleaved'], default: 'half', label: 'Pairing' },
    'query-angle': { type: 'int', min: -180, max: 180, default: 30, label: 'Query angle (degrees, at position 0)' },
    'key-angle': { type: 'int', min: -180, max: 180, default: -20, label: 'Key angle (degrees, at position 0)' },
  };

  draw(core, s, view) {
    const half = s.dim / 2;
    if (s.pair >= half) throw new Error(`pair: got "${s.pair}"; allowed: integer in [0, ${half - 1}] (d/2 − 1 for d = ${s.dim})`);
    // The two dimensions of pair k in a d-wide head.
    const [a, b] = s.pairing === 'half' ? [s.pair, s.pair + half] : [2 * s.pair, 2 * s.pair + 1];
    const theta = core.ropeFreqs({ dim: s.dim, base: s.base }).invFreq[s.pair];
    const vec = (angle) => {
      const v = new Float32Array(s.dim);
      v[a] = Math.cos(rad(angle));
      v[b] = Math.sin(rad(angle));
      return v;
    };
    const q = vec(s.queryAngle);
    const k = vec(s.keyAngle);
    // R_p x through the core, read back as the pair (x_a, x_b).
    const turn = (x, p) => {
      const r = core.ropeApply({ pairing: s.pairing, base: s.base, position: p, vector: x }).vector;
      return { p, x: r[a], y: r[b], full: r };
    };
    const dot = (u, v) => u.full.reduce((acc, x, n) => acc + x * v.full[n], 0);
    const here = { q: turn(q, s.m), k: turn(k, s.n) };
    const moved = { q: turn(q, s.m + s.shift), k: turn(k, s.n + s.shift) };
    const score = dot(here.q, here.k);
    const start = { q: [q[a], q[b]], k: [k[a], k[b]] }; // the unrotated pairs, drawn faint
    const scoreMoved = dot(moved.q, moved.k);

    const row = view.row('circles');
    row.setAttribute('aria-label', 'The query and key pair before and after shifting both positions');
    const w = Math.min(340, view.figure.clientWidth >= 700 ? (view.figure.clientWidth - 16) / 2 : view.figure.clientWidth);
    this.circle(view, 'here', w, here, score, theta, `At m = ${signed(s.m)}, n = ${signed(s.n)}`, start);
    this.circle(view, 'moved', w, moved, scoreMoved, theta, `Shifted: m = ${signed(s.m + s.shift)}, n = ${signed(s.n + s.shift)}`, start);

    // The score against m - n, key at n and key at n + s: the two curves coincide.
    const offsets = Array.from({ length: 2 * SPAN + 1 }, (_, r) => r - SPAN);
    const keyAt = [turn(k, s.n), turn(k, s.n + s.shift)];
    const curves = keyAt.map((kk) => offsets.map((r) => dot(turn(q, kk.p + r), kk)));
    view.chart('scores', {
      title: 'Score q_m · k_n against m − n',
      xLabel: 'relative position m − n', yLabel: 'q_m · k_n', xInteger: true, yDomain: [-1.05, 1.05],
      label: 'The score of the query and key pair against their relative position, for the key at n and at n + s',
      series: [
        { name: `key at n = ${signed(s.n)}`, x: offsets, y: curves[0], kind: 'line' },
        { name: `key at n + s = ${signed(s.n + s.shift)}`, x: offsets, y: curves[1], kind: 'points' },
      ],
      vrules: [{ x: s.m - s.n, label: `m − n = ${signed(s.m - s.n)}` }],
    });
    const diff = Math.abs(score - scoreMoved);
    view.element('note').textContent = `θ_${s.pair} = ${fmt(theta)} rad per position (dimensions ${a} and ${b} of ${s.dim}). ` +
      `q_m · k_n = ${fmt(score)} at (m, n) = (${signed(s.m)}, ${signed(s.n)}) and ${fmt(scoreMoved)} at ` +
      `(${signed(s.m + s.shift)}, ${signed(s.n + s.shift)}): difference ${fmt(diff)}; both have m − n = ${signed(s.m - s.n)}.`;
    return {
      caption: `Score of pair ${s.pair} (d = ${s.dim}, base ${s.base}, ${s.pairing}) against m − n, key at n = ${s.n} and at n + s = ${s.n + s.shift}`,
      columns: ['m − n', `score, key at ${s.n}`, `score, key at ${s.n + s.shift}`],
      rows: offsets.map((r, i) => [r, curves[0][i], curves[1][i]]),
      summary: `Rotated query (${fmt(here.q.x)}, ${fmt(here.q.y)}) at m = ${s.m}, key (${fmt(here.k.x)}, ${fmt(here.k.y)}) at n = ${s.n}: ` +
        `score ${fmt(score)}. Shifted by ${s.shift}: score ${fmt(scoreMoved)}.`,
    };
  }

  // One unit circle: the pair before rotation (faint) and after (arrows), the angle between.
  circle(view, key, width, pair, score, theta, title, start) {
    const R = width / 2 - 56; // room for the labels at the tips
    const cx = width / 2;
    const cy = 46 + R;
    const h = cy + R + 50;
    const { svg, t } = svgCanvas(view, key, width, h, `${title}: the rotated query and key pair; score ${fmt(score)}`, 'circles');
    const P = (x, y) => [cx + R * x, cy - R * y];
    svg.append(svgEl('text', { x: 0, y: 16, fill: t.fg, 'font-weight': 'bold', 'font-size': 13 }, title));
    svg.append(svgEl('circle', { cx, cy, r: R, fill: 'none', stroke: t.muted, 'stroke-opacity': 0.6 }));
    svg.append(svgEl('path', { d: `M${cx - R - 8},${cy}H${cx + R + 8}M${cx},${cy - R - 8}V${cy + R + 8}`, stroke: t.muted, 'stroke-opacity': 0.35 }));
    const a = Math.atan2(pair.q.y, pair.q.x);
    const b = Math.atan2(pair.k.y, pair.k.x);
    // The arc from the key to the query, the short way round.
    let gap = a - b;
    gap -= 2 * Math.PI * Math.round(gap / (2 * Math.PI));
    const r0 = R * 0.32;
    const [x1, y1] = [cx + r0 * Math.cos(b), cy - r0 * Math.sin(b)];
    const [x2, y2] = [cx + r0 * Math.cos(b + gap), cy - r0 * Math.sin(b + gap)];
    svg.append(svgEl('path', { d: `M${x1},${y1}A${r0},${r0} 0 0 ${gap > 0 ? 0 : 1} ${x2},${y2}`, fill: 'none', stroke: t.fg, 'stroke-width': 1.5 }));
    const mid = b + gap / 2;
    svg.append(svgEl('text', { x: cx + (r0 + 22) * Math.cos(mid), y: cy - (r0 + 22) * Math.sin(mid) + 4, fill: t.fg, 'text-anchor': 'middle', 'font-size': 11 },
      `${signed(fmt(Number(deg(gap).toFixed(1))))}°`));
    const arrow = (x, y, colour, dash, label, faint) => {
      const [ex, ey] = P(x, y);
      const ang = Math.atan2(cy - ey, ex - cx);
      const head = (s) => [ex - 11 * Math.cos(ang + s), ey + 11 * Math.sin(ang + s)];
      const g = svgEl('g', { stroke: colour, fill: colour, opacity: faint ? 0.45 : 1 });
      g.append(svgEl('path', { d: `M${cx},${cy}L${ex},${ey}`, 'stroke-width': faint ? 1.5 : 3, 'stroke-dasharray': dash || undefined }));
      if (!faint) g.append(svgEl('path', { d: `M${ex},${ey}L${head(0.4).join(',')}L${head(-0.4).join(',')}Z`, stroke: 'none' }));
      svg.append(g);
      // Labels just past the tip, anchored away from the centre so they stay inside the box.
      const [lx, ly] = P(x * 1.1, y * 1.1);
      const anchor = x > 0.35 ? 'start' : x < -0.35 ? 'end' : 'middle';
      svg.append(svgEl('text', { x: lx, y: ly + 4 - (anchor === 'middle' ? 6 * Math.sign(y) : 0), fill: t.fg, 'text-anchor': anchor, 'font-size': faint ? 11 : 13, 'font-weight': faint ? 'normal' : 'bold' }, label));
    };
    arrow(...start.q, CATEGORICAL[0], '2 3', 'q', true);
    arrow(...start.k, CATEGORICAL[1], '2 3', 'k', true);
    arrow(pair.q.x, pair.q.y, CATEGORICAL[0], '', `q at ${signed(pair.q.p)}`);
    arrow(pair.k.x, pair.k.y, CATEGORICAL[1], DASHES[1], `k at ${signed(pair.k.p)}`);
    svg.append(svgEl('text', { x: cx, y: h - 8, fill: t.fg, 'text-anchor': 'middle' },
      `score q·k = ${fmt(score)}; turns: ${fmt(pair.q.p * theta)} and ${fmt(pair.k.p * theta)} rad`));
  }
}
