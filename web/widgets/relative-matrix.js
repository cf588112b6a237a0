// posenc-relative-matrix: relative positions r(i, j) = j - i (key minus query) of
// the source notebook's L = 10 example, with its r(6, 1) = -5 and r(6, 8) = 2, and
// Shaw et al. 2018's clipping: distances beyond k merge, clip(j - i, -k, k), so
// the table needs 2k + 1 vectors instead of 2L - 1. Both matrices and the table
// rows come from the core (`relative`, without and with `clip`); the counts of
// distinct encodings are counted from the rows it returns.
import { PosencWidget } from './base.js';
import { colourAt } from './plot.js';

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

  // One L x L matrix of numbers on a HiDPI canvas (hundreds of SVG nodes cost a
  // frame of layout), cells coloured on the diverging map over [-(L-1), L-1] (so
  // clipped corners visibly flatten), the examples outlined.
  matrix(view, key, L, values, title, width, examples, span) {
    const cell = Math.max(10, Math.min(34, Math.floor((width - 36) / L)));
    const left = 30;
    const top = 52;
    const w = left + cell * L + 4;
    const h = top + cell * L + 22;
    const box = view.element(key, 'div', 'plot', 'pair');
    let canvas = box.firstElementChild;
    if (!canvas) {
      canvas = document.createElement('canvas');
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('part', 'canvas');
      box.append(canvas);
    }
    canvas.setAttribute('aria-label', `${title}; rows are queries i, columns keys j; the values are in the data table`);
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
    const g = canvas.getContext('2d');
    const t = view.colours;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = t.bg;
    g.fillRect(0, 0, w, h);
    const text = (str, x, y, { colour = t.fg, align = 'left', font = `12px ${t.font}` } = {}) => {
      g.fillStyle = colour;
      g.textAlign = align;
      g.font = font;
      g.fillText(str, x, y);
    };
    g.textBaseline = 'alphabetic';
    text(title, 0, 16, { font: `bold 13px ${t.font}` });
    text('key j →', left + (cell * L) / 2, 33, { align: 'center' });
    g.save();
    g.translate(14, top + (cell * L) / 2);
    g.rotate(-Math.PI / 2);
    text('query i →', 0, 0, { align: 'center' });
    g.restore();
    const small = cell < 18;
    for (let k = 0; k < L; k++) {
      if (small && k % 5) continue;
      text(String(k), left + cell * (k + 0.5), top - 4, { colour: t.muted, align: 'center', font: `10px ${t.font}` });
      text(String(k), left - 4, top + cell * (k + 0.5) + 4, { colour: t.muted, align: 'right', font: `10px ${t.font}` });
    }
    const size = Math.min(13, Math.floor(cell * 0.45));
    g.textBaseline = 'middle';
    for (let i = 0; i < L; i++) {
      for (let j = 0; j < L; j++) {
        const v = values[i * L + j];
        const rgb = colourAt('diverging', (v + span) / (2 * span || 1));
        const x = left + j * cell;
        const y = top + i * cell;
        g.fillStyle = `rgb(${rgb.join(',')})`;
        g.fillRect(x, y, cell - 0.5, cell - 0.5);
        // Dark text on light cells, light text on dark ones (luma).
        const light = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] > 140;
        if (!small) text(minus(v), x + cell / 2, y + cell / 2 + 1, { colour: light ? '#111' : '#fff', align: 'center', font: `${size}px ${t.font}` });
      }
    }
    g.textBaseline = 'alphabetic';
    g.strokeStyle = t.accent;
    g.lineWidth = 3;
    for (const [i, j] of examples) g.strokeRect(left + j * cell - 1.5, top + i * cell - 1.5, cell + 2.5, cell + 2.5);
    text(examples.length ? 'outlined: the notebook\'s examples r(6, 1) and r(6, 8)' : 'purple: keys after the query; orange: before',
      left, h - 5, { font: `11px ${t.font}` });
  }
}
