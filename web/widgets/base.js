// PosencWidget: the base class of every posenc-<name> custom element. It does
// everything but the figure: attributes -> validated state, generated controls,
// the in-place error message, the shared core, lazy start, rAF-coalesced redraws,
// URL state, PNG/CSV downloads, the data table, events. A widget declares
// `static params` and implements `draw(core, state, view)` (see README.md).
//
// Contract (../../../shared design, issue 5): attributes in, `change` {detail:
// state} out after every change of the state (a control or setAttribute),
// `posenc-render` {ms} after every draw, `state`, `renderNow()`,
// `dataset.status` = loading | ready | error.
import { camel, parse, format, defaults } from './params.js';
import { STYLE, COLOURS } from './style.js';
import { View } from './view.js';
import { csv, save, figurePng } from './downloads.js';

/** Rows the data table shows; the CSV download always has all. */
export const TABLE_ROWS = 40;

let corePromise = null;
/**
 * The one core of the page: `posenc.load()` of the global from posenc.js
 * (a classic script loaded before the widgets). Waits for the page to finish
 * parsing if the global is not there yet.
 */
export function loadCore() {
  if (!corePromise) {
    const ready = document.readyState === 'loading'
      ? new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }))
      : Promise.resolve();
    corePromise = ready.then(() => {
      if (!globalThis.posenc || typeof globalThis.posenc.load !== 'function') {
        throw new Error('posenc: the core (posenc.js) is not loaded on this page');
      }
      return globalThis.posenc.load();
    });
    corePromise.catch(() => { corePromise = null; });
  }
  return corePromise;
}

// A CSS colour as [r, g, b] (through a canvas, which normalizes any syntax).
const probe = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d', { willReadFrequently: true }) : null;
const rgbs = new Map();
function rgb(colour) {
  if (rgbs.has(colour)) return rgbs.get(colour);
  probe.fillStyle = '#000';
  probe.fillStyle = colour;
  probe.fillRect(0, 0, 1, 1);
  const value = [...probe.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  rgbs.set(colour, value);
  return value;
}

export class PosencWidget extends HTMLElement {
  /** name (attribute, kebab case) -> spec; see params.js. */
  static params = {};

  static get observedAttributes() { return Object.keys(this.params); }

  constructor() {
    super();
    this.params = this.constructor.params;
    /** The parsed parameters (camelCase keys, as the JS API takes them); only ever valid values. */
    this.state = defaults(this.params);
    this.errors = new Map(); // attribute -> message (bad attribute or control values)
    this.drawError = null; // the core's message when the last draw threw
    this.data = null; // what the last good draw returned
    this.core = null;
    this.frame = 0;

    const root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    const box = document.createElement('div');
    box.className = 'widget';
    box.setAttribute('part', 'widget');
    this.controlsBox = this.part('div', 'controls', { role: 'group', 'aria-label': 'Parameters' });
    this.message = this.part('p', 'message', { role: 'alert' });
    this.figure = this.part('div', 'figure');
    this.view = new View(this.figure, () => this.theme());
    const actions = this.part('div', 'actions');
    this.pngButton = this.part('button', 'button', { type: 'button' }, 'Download PNG');
    this.csvButton = this.part('button', 'button', { type: 'button' }, 'Download CSV');
    this.pngButton.addEventListener('click', () => this.downloadPng());
    this.csvButton.addEventListener('click', () => this.downloadCsv());
    actions.append(this.pngButton, this.csvButton);
    this.details = this.part('details', 'data');
    const summary = document.createElement('summary');
    summary.textContent = 'Data table';
    this.dataBox = document.createElement('div');
    this.dataBox.className = 'data';
    // A wide table scrolls sideways: focusable so the keyboard can scroll it too.
    this.dataBox.tabIndex = 0;
    this.dataBox.setAttribute('role', 'region');
    this.dataBox.setAttribute('aria-label', 'Data table (scrolls)');
    this.details.append(summary, this.dataBox);
    this.details.addEventListener('toggle', () => this.fillTable());
    box.append(this.controlsBox, this.message, this.figure, actions, this.details);
    root.append(style, box);
  }

  // An element with a part name (and class of the same name), attributes, text.
  part(tag, name, attrs = {}, text) {
    const e = document.createElement(tag);
    e.setAttribute('part', name);
    e.className = name;
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  connectedCallback() {
    if (!this.dataset.status) this.dataset.status = 'loading';
    this.themeCache = null;
    if (!this.schemeQuery && 'matchMedia' in window) {
      this.schemeQuery = matchMedia('(prefers-color-scheme: dark)');
      this.schemeQuery.addEventListener('change', () => { this.themeCache = null; if (this.data) this.view.repaint(); });
    }
    if (!this.built) {
      this.built = true;
      this.buildControls();
      this.initial = { ...this.state }; // the page's own values: URL state stores only changes from these
      this.readUrl();
      this.settled = true;
    }
    if (this.started) {
      if (this.stale) { this.stale = false; this.schedule(); } // a redraw skipped while it was out of the page
      return;
    }
    if ('IntersectionObserver' in window) {
      this.observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) { this.observer.disconnect(); this.start(); }
      }, { rootMargin: '200px' });
      this.observer.observe(this);
    } else {
      this.start();
    }
    if (!this.resizer && 'ResizeObserver' in window) {
      let width = 0;
      this.resizer = new ResizeObserver(() => {
        const w = this.figure.clientWidth;
        if (w !== width && this.data) { width = w; this.themeCache = null; this.view.repaint(); }
        width = w;
      });
      this.resizer.observe(this.figure);
    }
  }

  disconnectedCallback() {
    this.observer?.disconnect();
    if (!this.started) this.observer = null;
  }

  /** Loads the shared core (once per page) and draws. Called when scrolled into view. */
  start() {
    if (this.started) return;
    this.started = true;
    loadCore().then((core) => {
      this.core = core;
      this.renderNow();
    }, (e) => {
      this.started = false;
      this.drawError = e.message;
      this.showMessage();
    });
  }

  /**
   * Any attribute change, by the page (setAttribute) or by a control: a valid
   * value that differs from the state updates it, redraws at the next frame and
   * fires `change` {detail: state}, once the element has read its page's values
   * (attributes in the markup and the URL fire nothing); a bad value shows the
   * message and keeps the state.
   */
  attributeChangedCallback(name, old, text) {
    const spec = this.params[name];
    if (!spec) return;
    const r = parse(name, spec, text);
    let changed = false;
    if (r.error) {
      this.errors.set(name, r.error);
    } else {
      this.errors.delete(name);
      changed = this.state[camel(name)] !== r.value;
      this.state[camel(name)] = r.value;
    }
    this.syncControl(name);
    this.showMessage();
    this.schedule();
    if (changed && this.settled) this.dispatchEvent(new CustomEvent('change', { detail: { ...this.state } }));
  }

  /** Redraws at the next animation frame (several changes in one frame draw once). */
  schedule() {
    if (!this.core || this.frame) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this.renderNow(); });
  }

  /**
   * Draws now with the current state; returns true when it drew. A bad attribute
   * leaves state at its last good value, so the drawing stays; a core error
   * (PosencError) keeps the last drawing and shows the core's message. A widget
   * out of the page (removed before its frame came) does not draw: its figure has
   * no width to lay out against (a picture sized from it came out negative); it
   * redraws when connected again.
   */
  renderNow() {
    if (!this.core) return false;
    if (this.frame) { cancelAnimationFrame(this.frame); this.frame = 0; }
    if (!this.isConnected) { this.stale = true; return false; }
    const t0 = performance.now();
    try {
      this.view.begin();
      const data = this.draw(this.core, { ...this.state }, this.view);
      this.view.finish();
      this.data = data || null;
      this.drawError = null;
    } catch (e) {
      this.drawError = e && e.message ? e.message : String(e);
      this.showMessage();
      return false;
    }
    if (this.details.open) this.fillTable();
    this.showMessage();
    this.dispatchEvent(new CustomEvent('posenc-render', { detail: { ms: performance.now() - t0 } }));
    return true;
  }

  /** Subclasses: compute with the core, draw into the view, return {caption, columns, rows, summary?}. */
  draw() {
    throw new Error(`${this.localName}: draw() is not implemented`);
  }

  // The message box shows every bad attribute, bad theme colour and the core's error; status follows.
  showMessage() {
    const lines = [...this.errors.values(), ...(this.themeErrors ?? [])];
    if (this.drawError) lines.push(this.drawError);
    this.message.textContent = lines.join('\n');
    this.dataset.status = lines.length ? 'error' : (this.data ? 'ready' : 'loading');
  }

  /**
   * Resolved theme for canvas/SVG drawing: {fg, bg, muted, accent, font, bgRgb}.
   * Cached: reading computed style right after the last draw's DOM writes forces a
   * style recalculation of the page, about 3 to 6 ms of every redraw on a long
   * chapter. The cache is dropped when the element is connected, when the colour
   * scheme changes and when the figure is resized (a host page that changes the
   * --posenc-* properties later gets them at the next of these).
   */
  theme() {
    if (this.themeCache) return this.themeCache;
    const cs = getComputedStyle(this);
    const v = (k) => cs.getPropertyValue(k).trim();
    const t = { font: v('--_font') || 'sans-serif' };
    // A host's colour that is no CSS colour (`url(x.png)` became an SVG paint
    // server, fetched) is reported and replaced by the scheme's default.
    const defaults = COLOURS[this.schemeQuery?.matches ? 'dark' : 'light'];
    const themeErrors = [];
    for (const key of ['fg', 'bg', 'muted', 'accent']) {
      t[key] = v(`--_${key}`);
      if (!CSS.supports('color', t[key])) {
        themeErrors.push(`--posenc-${key}: got "${v(`--posenc-${key}`)}"; allowed: a CSS color`);
        t[key] = defaults[key];
      }
    }
    t.bgRgb = rgb(t.bg);
    this.themeCache = t;
    if (String(themeErrors) !== String(this.themeErrors ?? [])) { this.themeErrors = themeErrors; this.showMessage(); }
    return t;
  }

  /**
   * Drops the resolved theme and repaints: for a host page that changes the
   * --posenc-* properties of a widget already drawn (a dark-mode switch of its own).
   */
  refreshTheme() {
    this.themeCache = null;
    if (this.data) this.view.repaint();
  }

  // ------------------------------------------------------------------ controls

  buildControls() {
    const id = this.widgetId();
    for (const [name, spec] of Object.entries(this.params)) {
      if (spec.control === false) continue;
      const box = document.createElement('div');
      box.className = `control ${spec.type}`;
      box.setAttribute('part', 'control');
      const label = document.createElement('label');
      label.setAttribute('part', 'label');
      label.id = `${id}-${name}-label`;
      label.textContent = spec.label || name;
      label.htmlFor = `${id}-${name}`;
      const inputs = this.inputsFor(name, spec, `${id}-${name}`, label.id);
      box.append(label, ...inputs);
      this.controlsBox.append(box);
      this.syncControl(name);
    }
  }

  // The inputs of one parameter: range + number, select, or checkbox.
  inputsFor(name, spec, id, labelId) {
    const input = (attrs) => {
      const e = document.createElement(attrs.tag || 'input');
      delete attrs.tag;
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      e.setAttribute('part', 'input');
      e.dataset.param = name;
      return e;
    };
    if (spec.type === 'enum') {
      const sel = input({ tag: 'select', id });
      for (const o of spec.options) {
        const opt = document.createElement('option');
        opt.value = o;
        opt.textContent = o;
        sel.append(opt);
      }
      sel.addEventListener('change', () => this.userSet(name, sel.value));
      return [sel];
    }
    if (spec.type === 'bool') {
      const box = input({ type: 'checkbox', id });
      box.addEventListener('change', () => this.userSet(name, box.checked ? 'true' : 'false'));
      return [box];
    }
    const step = spec.step ?? (spec.type === 'int' ? 1 : 'any');
    const range = input({ type: 'range', min: spec.min, max: spec.max, step, 'aria-labelledby': labelId, 'data-kind': 'range' });
    const num = input({ type: 'number', id, min: spec.min, max: spec.max, step, 'data-kind': 'number' });
    range.addEventListener('input', () => { num.value = range.value; this.userSet(name, range.value); });
    num.addEventListener('change', () => this.userSet(name, num.value));
    return [range, num];
  }

  // Shows the current (valid) value in the parameter's controls.
  syncControl(name) {
    const spec = this.params[name];
    const value = this.state[camel(name)];
    for (const e of this.controlsBox.querySelectorAll('[data-param]')) {
      if (e.dataset.param !== name) continue;
      if (spec.type === 'bool') e.checked = value;
      else if (!(this.errors.has(name) && e === this.shadowRoot.activeElement)) e.value = format(spec, value);
      e.setAttribute('aria-invalid', this.errors.has(name) ? 'true' : 'false');
    }
  }

  // A user's change: through the attribute (one path for validation and the
  // `change` event), then the URL.
  userSet(name, text) {
    this.setAttribute(name, text);
    if (this.errors.has(name)) return;
    this.writeUrl();
  }

  // ------------------------------------------------------------------ URL state

  /** The prefix of this widget's query parameters: its id, or its name (numbered when repeated). */
  widgetId() {
    if (this.id) return this.id;
    const name = this.localName.replace(/^posenc-/, '');
    const same = [...document.querySelectorAll(this.localName)].filter((e) => !e.id);
    const k = same.indexOf(this);
    return k > 0 ? `${name}-${k + 1}` : name;
  }

  readUrl() {
    let q;
    try { q = new URLSearchParams(location.search); } catch { return; }
    const id = this.widgetId();
    for (const name of Object.keys(this.params)) {
      const v = q.get(`${id}.${name}`);
      if (v !== null) this.setAttribute(name, v);
    }
  }

  writeUrl() {
    try {
      const url = new URL(location.href);
      const id = this.widgetId();
      for (const [name, spec] of Object.entries(this.params)) {
        const key = camel(name);
        if (this.state[key] === this.initial[key]) url.searchParams.delete(`${id}.${name}`);
        else url.searchParams.set(`${id}.${name}`, format(spec, this.state[key]));
      }
      history.replaceState(history.state, '', url.href);
    } catch {
      // A page that forbids history changes (sandboxed frame): the view still works, unshared.
    }
  }

  // ------------------------------------------------------------------ data

  fillTable() {
    if (!this.details.open || !this.data) return;
    const { caption, columns, rows, summary } = this.data;
    const parts = [];
    if (summary) {
      const p = document.createElement('p');
      p.className = 'note';
      p.textContent = summary;
      parts.push(p);
    }
    const table = document.createElement('table');
    table.setAttribute('part', 'table');
    const cap = document.createElement('caption');
    const shown = Math.min(rows.length, TABLE_ROWS);
    cap.textContent = caption + (rows.length > shown ? ` (first ${shown} of ${rows.length} rows; the CSV download has all of them)` : '');
    const head = document.createElement('tr');
    for (const c of columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = c;
      head.append(th);
    }
    const thead = document.createElement('thead');
    thead.append(head);
    const body = document.createElement('tbody');
    for (const r of rows.slice(0, shown)) {
      const tr = document.createElement('tr');
      r.forEach((v, k) => {
        const cell = document.createElement(k === 0 ? 'th' : 'td');
        if (k === 0) cell.scope = 'row';
        cell.textContent = typeof v === 'number' ? (Number.isNaN(v) ? '' : String(Number(v.toPrecision(6)))) : String(v);
        tr.append(cell);
      });
      body.append(tr);
    }
    table.append(cap, thead, body);
    this.dataBox.replaceChildren(...parts, table);
  }

  /** The CSV text of the current data (all rows). */
  csvText() {
    return this.data ? csv(this.data.columns, this.data.rows) : '';
  }

  downloadCsv() {
    if (!this.data) return;
    save(new Blob([this.csvText()], { type: 'text/csv' }), `${this.widgetId()}.csv`);
  }

  /** Saves the figure as PNG; resolves when the file is offered. */
  async downloadPng() {
    try {
      const blob = await figurePng(this.figure, this.theme().bg);
      save(blob, `${this.widgetId()}.png`);
    } catch (e) {
      this.drawError = `PNG download: ${e.message}`;
      this.showMessage();
    }
  }
}

