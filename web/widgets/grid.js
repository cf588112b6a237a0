// A labelled grid of verdicts in SVG (rows x columns of cells, each with a short
// main text, a smaller line of detail, and a tone: 'pass', 'fail' or 'neutral').
// Pass and fail differ by symbol and word, not colour alone (blue vs orange from
// Okabe-Ito as the second cue). Used for the requirements table.
import { svgEl as el, SvgPlot } from './svg.js';

const TONES = { pass: '#0072B2', fail: '#D55E00', neutral: null };

export class Grid extends SvgPlot {
  constructor() {
    super(340);
  }

  /** opts: {title, label, rowNames: [...], colNames: [...], cells: [[{text, detail, short?, tone}]]}; `short` replaces detail in narrow cells. */
  update(opts, theme) {
    this.opts = opts;
    const width = this.fit();
    this.width = width;
    const head = Math.min(110, Math.max(78, width * 0.16));
    const cw = (width - head) / opts.colNames.length;
    const small = cw < 110;
    const ch = 44;
    const top = 30 + (small ? 34 : 22);
    const height = top + ch * opts.rowNames.length + 4;
    const svg = this.svg;
    svg.replaceChildren();
    for (const [k, v] of Object.entries({ width, height, viewBox: `0 0 ${width} ${height}`, 'aria-label': opts.label || opts.title,
      'font-family': theme.font, 'font-size': small ? 11 : 12 })) svg.setAttribute(k, v);
    svg.append(el('rect', { x: 0, y: 0, width, height, fill: theme.bg }));
    svg.append(el('text', { x: 0, y: 17, fill: theme.fg, 'font-weight': 'bold', 'font-size': 13 }, opts.title));
    opts.colNames.forEach((name, c) => {
      // Two-word headers break in two lines when columns are narrow (375 px).
      const words = small ? String(name).split(' ') : [name];
      const lines = small && words.length > 1 ? [words[0], words.slice(1).join(' ')] : [name];
      lines.forEach((line, n) => svg.append(el('text', { x: head + cw * (c + 0.5), y: top - 8 - 14 * (lines.length - 1 - n),
        'text-anchor': 'middle', fill: theme.fg, 'font-weight': 600 }, line)));
    });
    opts.rowNames.forEach((name, r) => {
      const y = top + ch * r;
      svg.append(el('text', { x: 4, y: y + ch / 2 + 4, fill: theme.fg, 'font-weight': 600 }, name));
      opts.cells[r].forEach((cell, c) => {
        const x = head + cw * c;
        const tone = TONES[cell.tone];
        svg.append(el('rect', { x: x + 1, y: y + 1, width: cw - 2, height: ch - 2, rx: 3, fill: tone || theme.bg,
          'fill-opacity': tone ? 0.14 : 1, stroke: tone || theme.muted, 'stroke-opacity': tone ? 0.9 : 0.4 }));
        const mark = cell.tone === 'pass' ? '✓ ' : cell.tone === 'fail' ? '✗ ' : '';
        svg.append(el('text', { x: x + cw / 2, y: y + 18, 'text-anchor': 'middle', fill: theme.fg, 'font-weight': 600 }, mark + cell.text));
        const detail = small && cell.short !== undefined ? cell.short : cell.detail;
        if (detail) svg.append(el('text', { x: x + cw / 2, y: y + 34, 'text-anchor': 'middle', fill: theme.fg, 'font-size': small ? 10 : 11 }, detail));
      });
    });
  }
}
