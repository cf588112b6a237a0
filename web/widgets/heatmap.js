// A heatmap on a HiDPI canvas: cells coloured by a colour-blind-safe map, axis
// labels and ticks, a colour bar with tick labels, and a readout of the value at
// (i, j) under the mouse or under a keyboard cursor (arrow keys; Shift = 10 cells;
// Home/End = row ends). Everything that is read lies in the canvas (so the PNG
// download holds it) or in the readout text (so a screen reader gets it).
import { lut, domainOf } from './colour.js';
import { ticks, fmt, scale } from './axes.js';

const MARGIN = { top: 26, right: 74, bottom: 42, left: 52 };

// The map as a 1 x 256 image, high values on top, drawn stretched as the colour bar (cached per map).
const bars = new Map();
function barImage(map) {
  if (!bars.has(map)) {
    const table = lut(map);
    const img = new ImageData(1, 256);
    for (let k = 0; k < 256; k++) {
      const c = 3 * (255 - k);
      img.data.set([table[c], table[c + 1], table[c + 2], 255], 4 * k);
    }
    const canvas = document.createElement('canvas');
    canvas.width = 1;
    canvas.height = 256;
    canvas.getContext('2d').putImageData(img, 0, 0);
    bars.set(map, canvas);
  }
  return bars.get(map);
}

export class Heatmap {
  constructor() {
    this.el = document.createElement('div');
    this.el.className = 'plot';
    this.canvas = document.createElement('canvas');
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('part', 'canvas');
    this.readout = document.createElement('output');
    this.readout.setAttribute('part', 'readout');
    this.readout.setAttribute('aria-live', 'polite');
    this.readout.className = 'readout';
    this.el.append(this.canvas, this.readout);
    this.cursor = null; // {i, j} or null
    this.canvas.addEventListener('mousemove', (e) => this.hover(e));
    this.canvas.addEventListener('keydown', (e) => this.key(e));
    this.canvas.addEventListener('focus', () => { if (!this.cursor) this.moveTo(0, 0); });
  }

  /**
   * Draws `data` (rows x cols, row-major; NaN = masked, drawn in the background colour).
   * opts: {data, rows, cols, title, xLabel, yLabel, map: 'viridis' | 'diverging',
   *        domain?: [lo, hi], height?, readout?: (i, j, v) => string, label: accessible name,
   *        markRow?: a row to outline (in the accent colour)}
   */
  update(opts, theme) {
    this.opts = opts;
    this.theme = theme;
    this.domain = opts.domain || domainOf(opts.data, opts.map);
    this.canvas.setAttribute('aria-label', `${opts.label || opts.title}. Heatmap, ${opts.rows} rows by ${opts.cols} columns; ` +
      'arrow keys move a cursor and the value under it is read below.');
    this.image = this.cells();
    if (this.cursor) this.cursor = { i: Math.min(this.cursor.i, opts.rows - 1), j: Math.min(this.cursor.j, opts.cols - 1) };
    this.paint();
  }

  // The cells at one pixel each, coloured through the map's lookup table.
  cells() {
    const { data, rows, cols, map } = this.opts;
    const [lo, hi] = this.domain;
    const table = lut(map);
    const img = new ImageData(cols, rows);
    const bg = this.theme.bgRgb;
    for (let n = 0; n < rows * cols; n++) {
      const v = data[n];
      const k = 4 * n;
      if (Number.isNaN(v)) { img.data[k] = bg[0]; img.data[k + 1] = bg[1]; img.data[k + 2] = bg[2]; } else {
        const c = 3 * Math.max(0, Math.min(255, Math.round(((v - lo) / (hi - lo)) * 255)));
        img.data[k] = table[c]; img.data[k + 1] = table[c + 1]; img.data[k + 2] = table[c + 2];
      }
      img.data[k + 3] = 255;
    }
    const off = this.image && this.image.width === cols && this.image.height === rows ? this.image : document.createElement('canvas');
    off.width = cols;
    off.height = rows;
    off.getContext('2d').putImageData(img, 0, 0);
    return off;
  }

  // Sizes the canvas to its box (HiDPI) and draws cells, axes, colour bar and cursor.
  paint() {
    const { rows, cols, title, xLabel, yLabel, map } = this.opts;
    const t = this.theme;
    const width = this.fit();
    this.width = width;
    const plotW = width - MARGIN.left - MARGIN.right;
    const plotH = this.opts.height || Math.round(Math.max(120, Math.min(380, (plotW * rows) / cols)));
    const height = plotH + MARGIN.top + MARGIN.bottom;
    const dpr = window.devicePixelRatio || 1;
    const c = this.canvas;
    if (c.width !== Math.round(width * dpr) || c.height !== Math.round(height * dpr)) {
      c.width = Math.round(width * dpr);
      c.height = Math.round(height * dpr);
      c.style.width = width + 'px';
      c.style.height = height + 'px';
    }
    const g = c.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = t.bg;
    g.fillRect(0, 0, width, height);
    g.imageSmoothingEnabled = false;
    g.drawImage(this.image, MARGIN.left, MARGIN.top, plotW, plotH);
    this.box = { x: MARGIN.left, y: MARGIN.top, w: plotW, h: plotH };

    g.fillStyle = t.fg;
    g.strokeStyle = t.muted;
    g.font = `12px ${t.font}`;
    g.textBaseline = 'middle';
    // Ticks at cell centres: index k sits at the middle of cell k.
    const sx = scale(0, cols, MARGIN.left, MARGIN.left + plotW);
    const sy = scale(0, rows, MARGIN.top, MARGIN.top + plotH);
    g.textAlign = 'center';
    for (const k of ticks(0, cols - 1, Math.max(2, Math.floor(plotW / 60)), true)) {
      const x = sx(k + 0.5);
      g.beginPath(); g.moveTo(x, MARGIN.top + plotH); g.lineTo(x, MARGIN.top + plotH + 4); g.stroke();
      g.fillText(fmt(k), x, MARGIN.top + plotH + 12);
    }
    g.textAlign = 'right';
    for (const k of ticks(0, rows - 1, Math.max(2, Math.floor(plotH / 40)), true)) {
      const y = sy(k + 0.5);
      g.beginPath(); g.moveTo(MARGIN.left - 4, y); g.lineTo(MARGIN.left, y); g.stroke();
      g.fillText(fmt(k), MARGIN.left - 6, y);
    }
    g.textAlign = 'center';
    g.fillText(xLabel, MARGIN.left + plotW / 2, height - 10);
    g.save();
    g.translate(12, MARGIN.top + plotH / 2);
    g.rotate(-Math.PI / 2);
    g.fillText(yLabel, 0, 0);
    g.restore();
    g.textAlign = 'left';
    g.font = `bold 13px ${t.font}`;
    g.fillText(title, MARGIN.left, 12);

    this.colourBar(g, map, MARGIN.left + plotW + 14, MARGIN.top, plotH);
    if (this.opts.markRow !== undefined) {
      const ch = plotH / rows;
      g.lineWidth = 3;
      g.strokeStyle = t.accent;
      g.strokeRect(MARGIN.left - 1.5, MARGIN.top + this.opts.markRow * ch - 1.5, plotW + 3, ch + 3);
      g.lineWidth = 1;
    }
    this.paintCursor(g);
  }

  // The legend: the map as a vertical bar, high values on top, with tick labels.
  colourBar(g, map, x, y, h) {
    const [lo, hi] = this.domain;
    const w = 12;
    g.imageSmoothingEnabled = true;
    g.drawImage(barImage(map), x, y, w, h);
    g.strokeStyle = this.theme.muted;
    g.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
    g.fillStyle = this.theme.fg;
    g.font = `11px ${this.theme.font}`;
    g.textAlign = 'left';
    const sy = scale(lo, hi, y + h, y);
    for (const v of ticks(lo, hi, 4)) {
      g.beginPath(); g.moveTo(x + w, sy(v)); g.lineTo(x + w + 3, sy(v)); g.stroke();
      g.fillText(fmt(v), x + w + 5, sy(v));
    }
  }

  paintCursor(g) {
    if (!this.cursor) return;
    const { rows, cols } = this.opts;
    const { x, y, w, h } = this.box;
    const cw = w / cols;
    const ch = h / rows;
    g.lineWidth = 2;
    g.strokeStyle = this.theme.fg;
    g.strokeRect(x + this.cursor.j * cw - 1, y + this.cursor.i * ch - 1, cw + 2, ch + 2);
    g.strokeStyle = this.theme.bg;
    g.lineWidth = 1;
    g.strokeRect(x + this.cursor.j * cw + 0.5, y + this.cursor.i * ch + 0.5, Math.max(1, cw - 1), Math.max(1, ch - 1));
  }

  /** Puts the cursor on cell (i, j) (clamped to the grid) and reads its value out. */
  moveTo(i, j) {
    if (!this.opts) return;
    const { rows, cols, data } = this.opts;
    i = Math.max(0, Math.min(rows - 1, i));
    j = Math.max(0, Math.min(cols - 1, j));
    this.cursor = { i, j };
    const v = data[i * cols + j];
    this.readout.textContent = this.opts.readout ? this.opts.readout(i, j, v)
      : `${this.opts.yLabel} ${i}, ${this.opts.xLabel} ${j}: ${fmt(v)}`;
    this.paint();
  }

  hover(e) {
    if (!this.box || !this.opts) return;
    const r = this.canvas.getBoundingClientRect();
    const px = e.clientX - r.left - this.box.x;
    const py = e.clientY - r.top - this.box.y;
    if (px < 0 || py < 0 || px >= this.box.w || py >= this.box.h) return;
    this.moveTo(Math.floor((py / this.box.h) * this.opts.rows), Math.floor((px / this.box.w) * this.opts.cols));
  }

  key(e) {
    if (!this.opts) return;
    const step = e.shiftKey ? 10 : 1;
    const { i, j } = this.cursor || { i: 0, j: 0 };
    const moves = { ArrowUp: [-step, 0], ArrowDown: [step, 0], ArrowLeft: [0, -step], ArrowRight: [0, step],
      Home: [0, -Infinity], End: [0, Infinity] };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    this.moveTo(i + m[0], j + m[1]);
  }

  /** The width this plot draws at in its box now (CSS px). */
  fit() {
    return Math.max(280, Math.min(this.el.clientWidth || 640, 900));
  }
}
