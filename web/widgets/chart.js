// Line, step and scatter charts in SVG: axes with nice ticks, axis labels, a
// title, and a legend whose entries repeat each series' colour and dash. Colours
// and the font are written as attributes (resolved from the theme), so the SVG
// rasterizes alone for the PNG download.
import { CATEGORICAL, DASHES } from './colour.js';
import { ticks, fmt, scale } from './axes.js';
import { svgEl as el, SvgPlot } from './svg.js';

// Extent of the finite values of several arrays, widened when it is a point.
function extent(arrays, pad) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) for (const v of a) if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
  if (lo === Infinity) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  const p = (hi - lo) * pad;
  return [lo - p, hi + p];
}

// Ticks of a log axis over [lo, hi] (lo > 0): the powers of ten, and 2 and 5 times
// them while that gives at most `count` ticks.
function logTicks(lo, hi, count) {
  const out = [];
  for (const mults of [[1, 2, 5], [1]]) {
    out.length = 0;
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const m of mults) { const v = m * 10 ** e; if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v); }
    }
    if (out.length <= count) break;
  }
  return out;
}

export class Chart extends SvgPlot {
  constructor() {
    super(280);
  }

  /**
   * opts: {title, xLabel, yLabel, label (accessible name), height?,
   *        series: [{name, x, y, kind: 'line' | 'step' | 'points', colour?}],
   *        xDomain?, yDomain?, xInteger?: bool, rules?: [{y, label}] (horizontal reference lines),
   *        vrules?: [{x, label, at?: 'top' | 'bottom', anchor?: 'start' | 'end'}] (vertical reference lines;
   *          the label right of the line at the top unless told otherwise),
   *        xLog?: bool (logarithmic x axis: x <= 0 is left out; ticks at 1, 2, 5 times powers of ten)}
   */
  update(opts, theme) {
    this.opts = opts;
    const width = this.fit();
    this.width = width;
    const legendRows = this.legendLayout(opts.series, width);
    const m = { top: 30 + legendRows.height, right: 16, bottom: 44, left: 58 };
    const height = (opts.height || Math.round(Math.min(340, Math.max(230, width * 0.5)))) + legendRows.height;
    const svg = this.svg;
    svg.replaceChildren();
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('aria-label', opts.label || opts.title);
    svg.setAttribute('font-family', theme.font);
    svg.setAttribute('font-size', '12');
    svg.append(el('rect', { x: 0, y: 0, width, height, fill: theme.bg }));

    const xs = opts.xLog ? opts.series.map((s) => Array.from(s.x, (v) => (v > 0 ? v : NaN))) : opts.series.map((s) => s.x);
    const xd = opts.xDomain || extent(xs, 0);
    const yd = opts.yDomain || extent([...opts.series.map((s) => s.y), (opts.rules || []).map((r) => r.y)], 0.05);
    const pw = width - m.left - m.right;
    const ph = height - m.top - m.bottom;
    const lin = scale(opts.xLog ? Math.log10(xd[0]) : xd[0], opts.xLog ? Math.log10(xd[1]) : xd[1], m.left, m.left + pw);
    const sx = opts.xLog ? (v) => (v > 0 ? lin(Math.log10(v)) : NaN) : lin;
    const sy = scale(yd[0], yd[1], m.top + ph, m.top);
    this.scales = { sx, sy };

    const axis = el('g', { stroke: theme.muted, fill: theme.fg });
    axis.append(el('path', { d: `M${m.left},${m.top}V${m.top + ph}H${m.left + pw}`, fill: 'none' }));
    for (const v of opts.xLog ? logTicks(xd[0], xd[1], Math.max(3, Math.floor(pw / 50))) : ticks(xd[0], xd[1], Math.max(4, Math.floor(pw / 70)), opts.xInteger)) {
      axis.append(el('path', { d: `M${sx(v)},${m.top + ph}v5` }));
      axis.append(el('text', { x: sx(v), y: m.top + ph + 17, 'text-anchor': 'middle', stroke: 'none' }, fmt(v)));
    }
    for (const v of ticks(yd[0], yd[1], Math.max(4, Math.floor(ph / 45)))) {
      axis.append(el('path', { d: `M${m.left - 5},${sy(v)}h5` }));
      axis.append(el('path', { d: `M${m.left},${sy(v)}h${pw}`, 'stroke-opacity': 0.18 }));
      axis.append(el('text', { x: m.left - 8, y: sy(v) + 4, 'text-anchor': 'end', stroke: 'none' }, fmt(v)));
    }
    axis.append(el('text', { x: m.left + pw / 2, y: height - 8, 'text-anchor': 'middle', stroke: 'none' }, opts.xLabel));
    axis.append(el('text', { transform: `translate(14 ${m.top + ph / 2}) rotate(-90)`, 'text-anchor': 'middle', stroke: 'none' }, opts.yLabel));
    svg.append(axis);
    svg.append(el('text', { x: m.left, y: 17, fill: theme.fg, 'font-weight': 'bold', 'font-size': 13 }, opts.title));

    for (const r of opts.rules || []) {
      svg.append(el('path', { d: `M${m.left},${sy(r.y)}h${pw}`, stroke: theme.muted, 'stroke-dasharray': '3 3' }));
      if (r.label) svg.append(el('text', { x: m.left + pw - 4, y: sy(r.y) - 4, 'text-anchor': 'end', fill: theme.fg }, r.label));
    }
    for (const r of opts.vrules || []) {
      const x = sx(r.x);
      if (!(x >= m.left && x <= m.left + pw)) continue;
      svg.append(el('path', { d: `M${x},${m.top}V${m.top + ph}`, stroke: theme.muted, 'stroke-dasharray': '3 3' }));
      const end = r.anchor === 'end';
      if (r.label) svg.append(el('text', { x: end ? x - 3 : x + 3, y: r.at === 'bottom' ? m.top + ph - 5 : m.top + 11,
        'text-anchor': end ? 'end' : 'start', fill: theme.fg, 'font-size': 11 }, r.label));
    }
    opts.series.forEach((s, k) => svg.append(this.series(s, k, sx, sy, theme)));
    this.legend(svg, opts.series, legendRows, m.left, theme);
  }

  // One series as a path (line, step) or circles (points); NaN breaks a line.
  series(s, k, sx, sy, theme) {
    const colour = s.colour || CATEGORICAL[k % CATEGORICAL.length];
    if (s.kind === 'points') {
      const g = el('g', { fill: colour });
      for (let n = 0; n < s.x.length; n++) {
        if (Number.isFinite(s.y[n]) && Number.isFinite(sx(s.x[n]))) g.append(el('circle', { cx: sx(s.x[n]), cy: sy(s.y[n]), r: s.radius || 2.6 }));
      }
      return g;
    }
    let d = '';
    let pen = 'M';
    for (let n = 0; n < s.x.length; n++) {
      if (!Number.isFinite(s.y[n]) || !Number.isFinite(sx(s.x[n]))) { pen = 'M'; continue; }
      if (s.kind === 'step' && pen === 'L') d += `H${sx(s.x[n])}`;
      d += `${pen}${sx(s.x[n])},${sy(s.y[n])}`;
      pen = 'L';
    }
    return el('path', { d, fill: 'none', stroke: colour, 'stroke-width': 2, 'stroke-dasharray': DASHES[k % DASHES.length] || undefined,
      'stroke-linejoin': 'round' });
  }

  // Legend entries wrap to as many rows as the width needs (375 px phones).
  legendLayout(series, width) {
    const items = [];
    let x = 0;
    let row = 0;
    const avail = width - 70;
    for (const s of series) {
      const w = 34 + 7 * String(s.name).length;
      if (x > 0 && x + w > avail) { x = 0; row++; }
      items.push({ x, row, name: s.name });
      x += w + 12;
    }
    return { items, height: series.length > 1 ? (row + 1) * 18 : 0 };
  }

  legend(svg, series, layout, left, theme) {
    if (series.length < 2) return;
    layout.items.forEach((it, k) => {
      const s = series[k];
      const colour = s.colour || CATEGORICAL[k % CATEGORICAL.length];
      const y = 30 + it.row * 18;
      const x = left + it.x;
      if (s.kind === 'points') svg.append(el('circle', { cx: x + 12, cy: y, r: 3.5, fill: colour }));
      else svg.append(el('path', { d: `M${x},${y}h24`, stroke: colour, 'stroke-width': 2, 'stroke-dasharray': DASHES[k % DASHES.length] || undefined }));
      svg.append(el('text', { x: x + 30, y: y + 4, fill: theme.fg }, s.name));
    });
  }
}
