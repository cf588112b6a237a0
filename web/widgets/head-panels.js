// Per-head small multiples: one small L x L panel per attention head in one HiDPI
// canvas, all on one colour domain (so the legend of the large heatmap beside them
// reads for every panel), a title under each, the chosen head outlined. Clicking a
// panel chooses that head (the head slider does the same from the keyboard).
// Used by alibi-bias, fire-bias and attention-map through `headPanels(view, ...)`.
import { lut } from './colour.js';

const GAP = 10;
const TITLE = 30; // two lines of text under each panel
const LINE = 17; // a line of the title above the panels

// The words of `text` in lines no wider than `width` at the context's font.
function wrap(g, text, width) {
  const lines = [];
  for (const word of text.split(' ').filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && g.measureText(`${lines[last]} ${word}`).width <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * The 0-based head a 1-based `head` parameter picks, or an error naming the
 * attribute when it is past the number of heads (a cross-parameter check the
 * per-attribute validation cannot make).
 */
export function headIndex(head, heads) {
  if (head > heads) throw new Error(`head: got "${head}"; allowed: integer in [1, ${heads}] (one of the ${heads} heads)`);
  return head - 1;
}

class HeadPanels {
  constructor() {
    this.el = document.createElement('div');
    this.el.className = 'plot';
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('part', 'canvas');
    this.el.append(this.canvas);
    this.canvas.addEventListener('click', (e) => this.click(e));
  }

  /**
   * opts: {title, panels: [{data, title, subtitle?}], rows, cols, map, domain: [lo, hi],
   *        selected: index, label: accessible name, onSelect?: (index) => void}
   * data is row-major rows x cols; NaN (masked) is drawn in the background colour.
   */
  update(opts, theme) {
    this.opts = opts;
    const width = this.fit();
    this.width = width;
    const n = opts.panels.length;
    const perRow = Math.max(1, Math.min(n, Math.floor((width + GAP) / (88 + GAP))));
    const size = Math.min(130, Math.floor((width - GAP * (perRow - 1)) / perRow));
    const lines = Math.ceil(n / perRow);
    const g = this.canvas.getContext('2d');
    g.font = `bold 13px ${theme.font}`;
    const heading = wrap(g, opts.title || '', width);
    const top = heading.length * LINE + 6;
    const height = top + lines * (size + TITLE + GAP);
    this.layout = { perRow, size, top };
    const dpr = window.devicePixelRatio || 1;
    const c = this.canvas;
    c.width = Math.round(width * dpr);
    c.height = Math.round(height * dpr);
    c.style.width = `${width}px`;
    c.style.height = `${height}px`;
    c.style.cursor = opts.onSelect ? 'pointer' : '';
    c.setAttribute('aria-label', opts.label);
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = theme.bg;
    g.fillRect(0, 0, width, height);
    g.imageSmoothingEnabled = false;
    g.textBaseline = 'top';
    g.fillStyle = theme.fg;
    g.font = `bold 13px ${theme.font}`;
    heading.forEach((line, k) => g.fillText(line, 0, 2 + k * LINE));
    g.font = `11px ${theme.font}`;
    g.textAlign = 'center';
    opts.panels.forEach((p, k) => {
      const x = (k % perRow) * (size + GAP);
      const y = top + Math.floor(k / perRow) * (size + TITLE + GAP);
      g.drawImage(this.image(p.data, theme.bgRgb), x, y, size, size);
      g.strokeStyle = k === opts.selected ? theme.accent : theme.muted;
      g.lineWidth = k === opts.selected ? 3 : 1;
      g.strokeRect(x + 0.5, y + 0.5, size - 1, size - 1);
      g.fillStyle = theme.fg;
      g.fillText(p.title, x + size / 2, y + size + 3);
      if (p.subtitle) g.fillText(p.subtitle, x + size / 2, y + size + 16);
    });
  }

  // One panel's cells at one pixel each, through the map's lookup table.
  image(data, bg) {
    const { rows, cols, map, domain: [lo, hi] } = this.opts;
    const table = lut(map);
    const img = new ImageData(cols, rows);
    for (let n = 0; n < rows * cols; n++) {
      const v = data[n];
      const c = 3 * Math.max(0, Math.min(255, Math.round(((v - lo) / (hi - lo || 1)) * 255)));
      img.data.set(Number.isNaN(v) ? bg : table.subarray(c, c + 3), 4 * n);
      img.data[4 * n + 3] = 255;
    }
    const off = document.createElement('canvas');
    off.width = cols;
    off.height = rows;
    off.getContext('2d').putImageData(img, 0, 0);
    return off;
  }

  click(e) {
    if (!this.opts?.onSelect || !this.layout) return;
    const r = this.canvas.getBoundingClientRect();
    const { perRow, size, top } = this.layout;
    const col = Math.floor((e.clientX - r.left) / (size + GAP));
    const line = Math.floor((e.clientY - r.top - top) / (size + TITLE + GAP));
    const k = line * perRow + col;
    if (line >= 0 && col < perRow && k < this.opts.panels.length) this.opts.onSelect(k);
  }

  /** The width this plot draws at in its box now (CSS px). */
  fit() {
    return Math.max(200, Math.min(this.el.clientWidth || 640, 900));
  }
}

/** The head panels under `key` in a widget's view (created on first use, redrawn now). */
export function headPanels(view, key, opts, parent) {
  const it = view.item(key, () => { const p = new HeadPanels(); return { node: p.el, plot: p }; }, parent);
  it.plot.update(opts, view.colours);
  return it.plot;
}
