// Point markers for the extrapolation lab's accuracy chart, a second cue beside
// colour and dash (chart.js draws lines; these go on top of its SVG, placed with
// the chart's own scales): one shape per series, in the legend too, and a
// "cannot run" label where the core reports no accuracy (null), never a point at 0.
import { CATEGORICAL } from './colour.js';
import { svgEl } from './svg.js';

// A closed path through points [x, y] scaled by r and turned by `turn` radians.
const polygon = (points, turn = 0) => (r) => points.map(([x, y], i) => {
  const c = Math.cos(turn);
  const s = Math.sin(turn);
  return `${i ? 'L' : 'M'}${(r * (x * c - y * s)).toFixed(2)},${(r * (x * s + y * c)).toFixed(2)}`;
}).join('') + 'Z';
const PLUS = [[-0.4, -1.25], [0.4, -1.25], [0.4, -0.4], [1.25, -0.4], [1.25, 0.4], [0.4, 0.4], [0.4, 1.25], [-0.4, 1.25],
  [-0.4, 0.4], [-1.25, 0.4], [-1.25, -0.4], [-0.4, -0.4]];

// Unit shapes (radius about 1), as SVG path data scaled by `r` around (0, 0); all filled,
// outlined in the theme's foreground so that a light colour (yellow) reads on a light page.
const SHAPES = [
  (r) => `M${-r},0a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`, // circle
  (r) => `M${-r},${-r}h${2 * r}v${2 * r}h${-2 * r}Z`, // square
  polygon([[0, -1.2], [1.1, 0.8], [-1.1, 0.8]]), // triangle up
  polygon([[0, -1.3], [1.3, 0], [0, 1.3], [-1.3, 0]]), // diamond
  polygon([[0, 1.2], [1.1, -0.8], [-1.1, -0.8]]), // triangle down
  polygon(PLUS), // plus
  polygon(PLUS, Math.PI / 4), // cross
];

/** The marker of series k: {shape(r) -> path data}. */
export function markerPath(k) {
  return { shape: SHAPES[k % SHAPES.length] };
}

function marker(m, x, y, colour, theme) {
  return svgEl('path', { d: m.shape(4.5), transform: `translate(${x} ${y})`, fill: colour, stroke: theme.fg, 'stroke-width': 0.75 });
}

/**
 * Draws the markers of `series` ([{scheme, y, cannot: lengths, marker}]) at
 * `lengths` on a drawn Chart, the legend's markers, and for each series with
 * lengths it cannot run at, "<scheme>: cannot run at ..." (its marker beside the
 * words) over those lengths.
 */
export function addMarkers(chart, series, lengths, theme) {
  const { sx, sy } = chart.scales;
  const svg = chart.svg;
  const g = svgEl('g', { class: 'markers' });
  series.forEach((s, k) => {
    const colour = CATEGORICAL[k % CATEGORICAL.length];
    lengths.forEach((n, i) => { if (Number.isFinite(s.y[i])) g.append(marker(s.marker, sx(n), sy(s.y[i]), colour, theme)); });
    if (s.cannot.length) {
      // A label over the lengths it cannot run at, below the length marks at the top and
      // above where lines beyond L usually run (no point is drawn there, never one at 0).
      const y = sy(0.86) + 16 * k / series.length;
      const mid = Math.sqrt(s.cannot[0] * s.cannot[s.cannot.length - 1]);
      const label = `${s.scheme}: cannot run at ${s.cannot.join(', ')}`;
      g.append(marker(s.marker, sx(mid) - 3.1 * label.length - 10, y - 4, colour, theme));
      g.append(svgEl('text', { x: sx(mid), y, 'text-anchor': 'middle', fill: theme.fg, 'font-size': 11 }, label));
    }
  });
  if (series.length > 1) {
    const layout = chart.legendLayout(series.map((s) => ({ name: s.scheme })), chart.width);
    layout.items.forEach((it, k) => g.append(marker(series[k].marker, 58 + it.x + 12, 30 + it.row * 18, CATEGORICAL[k % CATEGORICAL.length], theme)));
  }
  svg.append(g);
}

/**
 * Makes the markers part of `chart`'s drawing: every later chart.update(opts, theme)
 * (a redraw, and the view's repaint after a resize or a colour-scheme change, which
 * redraw from opts alone) draws them again from opts.markers = {series, lengths}.
 * The first call also draws them on the chart as it stands. Idempotent.
 */
export function keepMarkers(chart, theme) {
  if (chart.keepsMarkers) return;
  chart.keepsMarkers = true;
  const update = chart.update.bind(chart);
  const mark = (opts, t) => { if (opts.markers) addMarkers(chart, opts.markers.series, opts.markers.lengths, t); };
  chart.update = (opts, t) => { update(opts, t); mark(opts, t); };
  mark(chart.opts, theme);
}
