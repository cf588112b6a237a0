// The drawing surface a widget's draw() gets: keyed plots and elements that live
// across redraws (a heatmap keeps its keyboard cursor; nothing is rebuilt when
// only numbers change). Each draw asks for what it shows by key; what a draw no
// longer asks for is removed when it ends. New items are appended in the order asked.
import { Heatmap } from './heatmap.js';
import { Chart } from './chart.js';
import { Grid } from './grid.js';

export class View {
  constructor(figure, theme) {
    this.figure = figure;
    this.theme = theme; // () => resolved colours and font
    this.items = new Map(); // key -> {node, plot?}
    this.used = new Set();
  }

  begin() {
    this.used.clear();
    this.colours = this.theme();
  }

  // key -> its item, created by make() on first use, inside `parent` (a key or the figure).
  item(key, make, parent) {
    this.used.add(key);
    let it = this.items.get(key);
    if (!it) {
      it = make();
      const into = parent ? this.items.get(parent)?.node : this.figure;
      (into || this.figure).append(it.node);
      this.items.set(key, it);
    }
    return it;
  }

  /** A heatmap (see heatmap.js for opts), drawn now; `parent` is the key of a row() to put it in. */
  heatmap(key, opts, parent) {
    const it = this.item(key, () => { const p = new Heatmap(); return { node: p.el, plot: p }; }, parent);
    it.plot.update(opts, this.colours);
    return it.plot;
  }

  /** An SVG chart (see chart.js for opts), drawn now. */
  chart(key, opts, parent) {
    const it = this.item(key, () => { const p = new Chart(); return { node: p.el, plot: p }; }, parent);
    it.plot.update(opts, this.colours);
    return it.plot;
  }

  /** An SVG grid of verdicts (see grid.js for opts), drawn now. */
  grid(key, opts, parent) {
    const it = this.item(key, () => { const p = new Grid(); return { node: p.el, plot: p }; }, parent);
    it.plot.update(opts, this.colours);
    return it.plot;
  }

  /** A side-by-side row (wraps to a column at 375 px) for plots given this key as parent. */
  row(key) {
    return this.item(key, () => { const n = document.createElement('div'); n.className = 'row'; return { node: n }; }).node;
  }

  /** A plain element (`tag`, class `className`) for text or custom content; set it with textContent only. */
  element(key, tag = 'p', className = 'note', parent) {
    return this.item(key, () => { const n = document.createElement(tag); n.className = className; return { node: n }; }, parent).node;
  }

  /**
   * Removes what this draw did not ask for, then repaints any plot whose box
   * changed width since it drew (a plot added beside it in a row shrinks it).
   */
  finish() {
    for (const [key, it] of this.items) {
      if (!this.used.has(key)) { it.node.remove(); this.items.delete(key); }
    }
    for (const it of this.items.values()) {
      if (it.plot && it.plot.width !== it.plot.fit()) it.plot.update(it.plot.opts, this.colours);
    }
  }

  /** Repaints every plot at its current box size (after a resize). */
  repaint() {
    this.colours = this.theme();
    for (const it of this.items.values()) if (it.plot?.opts) it.plot.update(it.plot.opts, this.colours);
  }
}
