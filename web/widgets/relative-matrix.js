// posenc-relative-matrix: relative positions r(i, j) = j - i (key minus query) of
// the source notebook's L = 10 example, with its r(6, 1) = -5 and r(6, 8) = 2, and
// Shaw et al. 2018's clipping: distances beyond k merge, clip(j - i, -k, k), so
// the table needs 2k + 1 vectors instead of 2L - 1. Both matrices and the table
// rows come from the core (`relative`, without and with `clip`); the counts of
// distinct encodings are counted from the rows it returns.
import { PosencWidget } from './base.js';
import { colourAt } from './plot.js';
import { svgEl, svgCanvas } from './svg.js';

/** The notebook's two examples, (query, key). */
const EXAMPLES = [[6, 1], [6, 8]];

const distinct = (a) => new Set(a).size;
const minus = (v) => String(v).replace('-', '−');

export class RelativeMatrix extends PosencWidget {
  static params = {
    length: { type: 'int', min: 2, max: 32, default: 10, label: 'Positions L' },
    clip: { type: 'int', min: 0, max: 31, default: 4, label: 'Clipping distance k' },
  };

  draw(core, s, view) {
    const plain = core.relative({ length: s.length });
    const clipped = core.relative({ length: s.length, clip: s.clip });
    const L = s.length;
    // The clipped distance a cell reads: its table row minus k (index = clip(j - i) + k).
    const clippedDistance = Int32Array.from(clipped.index, (v) => v - s.clip);
    const nPlain = distinct(plain.index);
    const nClipped = distinct(clipped.index);
    const examples = EXAMPLES.filter(([i, j]) => i < L && j < L);

    const row = view.row('pair');
    row.setAttribute('aria-label', 'The relative positions, unclipped and clipped, side by side');
    const half = view.figure.clientWidth >= 700 ? (view.figure.clientWidth - 16) / 2 : view.figure.clientWidth;
    this.matrix(view, 'plain', L, plain.distance, `r(i, j) = j − i: ${nPlain} distinct`, half, examples, L - 1);
    this.matrix(view, 'clipped', L, clippedDistance, `clipped to [−${s.clip}, ${s.clip}]: ${nClipped} distinct`, half, examples, L - 1);

    const ex = examples.map(([i, j]) => `r(${i}, ${j}) = ${minus(plain.distance[i * L + j])}`).join(' and ');
    const none = s.clip >= L - 1;
    view.element('note').textContent = (ex ? `Row 6 holds ${ex}. ` : '') +
      `Unclipped, 2L − 1 = ${2 * L - 1} distinct encodings (counted in the core's table rows: ${nPlain}). ` +
      (none ? `k = ${s.clip} ≥ L − 1 clips nothing: still ${nClipped}.`
        : `Clipped to k = ${s.clip}: 2k + 1 = ${2 * s.clip + 1} (counted: ${nClipped}); every |j − i| > ${s.clip} shares the vector of ±${s.clip}.`);
    const rows = [];
    for (let i = 0; i < L; i++) {
      for (let j = 0; j < L; j++) {
        const n = i * L + j;
        rows.push([i, j, plain.distance[n], clippedDistance[n], plain.index[n], clipped.index[n]]);
      }
    }
    return {
      caption: `Relative positions for L = ${L}, clipped to k = ${s.clip}`,
      columns: ['query i', 'key j', 'r = j − i', 'clipped r', 'table row (2L − 1 rows)', 'table row (2k + 1 rows)'],
      rows,
      summary: `${ex ? ex + '. ' : ''}${nPlain} distinct relative positions without clipping, ${nClipped} with k = ${s.clip}.`,
    };
  }

  // One L x L matrix of numbers in SVG, cells coloured on the diverging map over
  // [-(L-1), L-1] (so clipped corners visibly flatten), the examples outlined.
  matrix(view, key, L, values, title, width, examples, span) {
    const cell = Math.max(10, Math.min(34, Math.floor((width - 36) / L)));
    const left = 30;
    const top = 52;
    const w = left + cell * L + 4;
    const h = top + cell * L + 22;
    const { svg, t } = svgCanvas(view, key, w, h, `${title}; rows are queries i, columns keys j`, 'pair');
    svg.append(svgEl('text', { x: 0, y: 16, fill: t.fg, 'font-weight': 'bold', 'font-size': 13 }, title));
    svg.append(svgEl('text', { x: left + (cell * L) / 2, y: 33, fill: t.fg, 'text-anchor': 'middle' }, 'key j →'));
    svg.append(svgEl('text', { transform: `translate(10 ${top + (cell * L) / 2}) rotate(-90)`, fill: t.fg, 'text-anchor': 'middle' }, 'query i →'));
    const small = cell < 18;
    const font = Math.min(13, Math.floor(cell * 0.45));
    for (let k = 0; k < L; k++) {
      if (small && k % 5) continue;
      svg.append(svgEl('text', { x: left + cell * (k + 0.5), y: top - 3, fill: t.muted, 'text-anchor': 'middle', 'font-size': 10 }, k));
      svg.append(svgEl('text', { x: left - 3, y: top + cell * (k + 0.5) + 4, fill: t.muted, 'text-anchor': 'end', 'font-size': 10 }, k));
    }
    for (let i = 0; i < L; i++) {
      for (let j = 0; j < L; j++) {
        const v = values[i * L + j];
        const rgb = colourAt('diverging', (v + span) / (2 * span || 1));
        const x = left + j * cell;
        const y = top + i * cell;
        svg.append(svgEl('rect', { x, y, width: cell, height: cell, fill: `rgb(${rgb.join(',')})`, stroke: t.bg, 'stroke-width': 0.5 }));
        if (!small) {
          // Dark text on light cells, light text on dark ones (relative luminance).
          const light = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] > 140;
          svg.append(svgEl('text', { x: x + cell / 2, y: y + cell / 2 + font * 0.36, 'text-anchor': 'middle', 'font-size': font,
            fill: light ? '#111' : '#fff' }, minus(v)));
        }
      }
    }
    for (const [i, j] of examples) {
      svg.append(svgEl('rect', { x: left + j * cell - 1.5, y: top + i * cell - 1.5, width: cell + 3, height: cell + 3,
        fill: 'none', stroke: t.accent, 'stroke-width': 3 }));
    }
    svg.append(svgEl('text', { x: left, y: h - 5, fill: t.fg, 'font-size': 11 },
      examples.length ? 'outlined: the notebook\'s examples r(6, 1) and r(6, 8)' : 'colour: purple for keys after the query, orange before'));
  }
}
