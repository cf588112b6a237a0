// posenc-extrapolation-lab: train a tiny decoder-only Transformer once per
// position scheme on a synthetic task at sequences of length L (train-length),
// then measure its accuracy at L, 2L, 4L and 8L. Training is the core's
// (pe.trainer: the same model, task and seed as `posenc train`), run in a Web
// Worker (lab-trainer.js) so the page stays responsive; the widget draws the
// live loss curves and the accuracy against length, beside what Press et al. 2022
// and Kazemnejad et al. 2023 report (lab-papers.js). It never trains on its own:
// the reader presses Run.
//
// Accuracy null from the core means "cannot run" (a learned table has no row for
// positions beyond its size): it is shown as such, never drawn as 0.
import { PosencWidget } from './base.js';
import { fmt } from './axes.js';
import { LabTrainer } from './lab-trainer.js';
import { findingRows, PAPERS } from './lab-papers.js';
import { markerPath, keepMarkers } from './lab-markers.js';

/** The schemes the core's trainer knows, in the order the lab lists them. */
export const SCHEMES = ['none', 'learned', 'sinusoidal', 'rope', 'alibi', 't5', 'fire'];
/** The evaluation lengths, as multiples of the training length. */
export const FACTORS = [1, 2, 4, 8];

/** The list in `text` ("rope, alibi"): {value: 'rope,alibi'} or {error} naming the attribute, the value and what is allowed. */
export function parseSchemes(text) {
  if (text === null || text === undefined) return { value: SCHEMES.join(',') };
  const names = String(text).split(',').map((s) => s.trim());
  const bad = { error: `schemes: got "${text}"; allowed: a comma-separated list of distinct schemes from ${SCHEMES.join(', ')}` };
  if (names.some((n) => !SCHEMES.includes(n)) || new Set(names).size !== names.length) return bad;
  return { value: names.join(',') };
}

/** The pe.trainer options of one run: one job per scheme, evaluated at FACTORS x train-length. */
export function jobsOf(s) {
  const evalLengths = FACTORS.map((f) => f * s.trainLength);
  return s.schemes.split(',').map((scheme) => ({ scheme, task: s.task, trainLength: s.trainLength, evalLengths, steps: s.steps, seed: s.seed }));
}

/** Milliseconds between redraws of the charts while training. */
export const REDRAW_MS = 250;

/** Steps per point of the drawn loss curve: about 200 points at most (a batch's loss is noisy). */
export const lossBlock = (steps) => Math.max(1, Math.ceil(steps / 200));

/**
 * The loss curve as drawn: y[b] = mean of losses[b*block .. (b+1)*block - 1] (the last
 * block may be partial), x[b] = its last step (1-based). The data table's final loss is the last step's.
 */
export function blockMeans(losses, block) {
  const x = [];
  const y = [];
  for (let start = 0; start < losses.length; start += block) {
    const end = Math.min(start + block, losses.length);
    let sum = 0;
    for (let n = start; n < end; n++) sum += losses[n];
    x.push(end);
    y.push(sum / (end - start));
  }
  return { x, y };
}

export class ExtrapolationLab extends PosencWidget {
  static params = {
    schemes: { type: 'list', default: SCHEMES.join(','), control: false, label: 'Schemes to train' }, // own checkboxes (buildControls)
    task: { type: 'enum', options: ['copy', 'reverse'], default: 'copy', label: 'Task' },
    // The names, defaults and ranges of `posenc train` (cpp/include/posenc/train/config.hpp);
    // the other options (model size, batch, learning rate) keep the core's defaults.
    'train-length': { type: 'int', min: 1, max: 64, default: 8, label: 'Training length L' },
    steps: { type: 'int', min: 0, max: 100000, default: 1600, label: 'Training steps' },
    seed: { type: 'int', min: 0, max: Number.MAX_SAFE_INTEGER, default: 0, label: 'Seed' },
  };

  constructor() {
    super();
    this.trainer = new LabTrainer({
      mode: (where) => { this.run.where = where; this.schedule(); },
      progress: (k, losses, done) => this.onProgress(k, losses, done),
      result: (k, r) => { this.run.results[k] = r; this.schedule(); },
      done: () => this.onEnd('done'),
      error: (message) => { this.onEnd('error'); this.drawError = message; this.showMessage(); },
    });
    this.run = null; // {jobs, losses: number[][], done: number[], results: [], where, status: running | done | stopped | error}
    this.buildRunBar();
  }

  // Run, Stop, the progress bar and its words, between the controls and the figure.
  buildRunBar() {
    const bar = this.part('div', 'runbar');
    this.runButton = this.part('button', 'button', { type: 'button' }, 'Run');
    this.stopButton = this.part('button', 'button', { type: 'button', disabled: '' }, 'Stop');
    this.runButton.addEventListener('click', () => this.startRun());
    this.stopButton.addEventListener('click', () => this.stopRun());
    this.progress = this.part('progress', 'progress', { max: '1', value: '0', 'aria-label': 'Training progress' });
    this.progressText = this.part('span', 'progress-text', { 'aria-live': 'polite' }, 'Not run yet: press Run to train.');
    bar.append(this.runButton, this.stopButton, this.progress, this.progressText);
    const style = document.createElement('style');
    style.textContent = `.runbar { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem .7rem; }
.runbar progress { flex: 1 1 10rem; min-width: 8rem; height: 1rem; accent-color: var(--_accent); }
.progress-text { flex: 1 1 100%; font-size: .88rem; font-variant-numeric: tabular-nums; }
.schemes { border: 0; margin: 0; padding: 0; grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: .2rem 1rem; }
.schemes legend { font-size: .88rem; padding: 0; margin-bottom: .2rem; }
.schemes label { display: inline-flex; align-items: center; gap: .3rem; font-size: .9rem; }
.figure table.papers td, .figure table.papers th { text-align: left; vertical-align: top; }
.figure table.papers { max-width: 100%; }
button:disabled { opacity: .55; cursor: default; border-color: var(--_muted); }`;
    this.shadowRoot.append(style);
    this.controlsBox.after(bar);
  }

  // The generated controls, plus one checkbox per scheme for the `schemes` list.
  buildControls() {
    super.buildControls();
    const box = document.createElement('fieldset');
    box.className = 'schemes';
    box.setAttribute('part', 'control');
    const legend = document.createElement('legend');
    legend.textContent = 'Schemes to train';
    box.append(legend);
    this.schemeBoxes = SCHEMES.map((scheme) => {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.value = scheme;
      input.setAttribute('part', 'input');
      input.addEventListener('change', () => {
        const picked = this.schemeBoxes.filter((b) => b.checked).map((b) => b.value);
        this.userSet('schemes', picked.join(','));
      });
      label.append(input, document.createTextNode(scheme));
      box.append(label);
      return input;
    });
    this.controlsBox.prepend(box);
    this.syncSchemes();
  }

  // Seed and steps span up to 2^53 - 1 and 100000 (the CLI's ranges): a number box only, no slider.
  inputsFor(name, spec, id, labelId) {
    const inputs = super.inputsFor(name, spec, id, labelId);
    return name === 'seed' || name === 'steps' ? inputs.filter((e) => e.dataset.kind !== 'range') : inputs;
  }

  syncSchemes() {
    if (!this.schemeBoxes) return;
    const on = new Set(this.state.schemes.split(','));
    for (const b of this.schemeBoxes) {
      b.checked = on.has(b.value);
      b.setAttribute('aria-invalid', this.errors.has('schemes') ? 'true' : 'false');
    }
  }

  // `schemes` is a list, which params.js does not parse: validated here, the rest as the base does.
  attributeChangedCallback(name, old, text) {
    if (name !== 'schemes') { super.attributeChangedCallback(name, old, text); return; }
    const r = text === '' ? { error: 'schemes: got ""; allowed: at least one scheme from ' + SCHEMES.join(', ') } : parseSchemes(text);
    let changed = false;
    if (r.error) {
      this.errors.set(name, r.error);
    } else {
      this.errors.delete(name);
      changed = this.state.schemes !== r.value;
      this.state.schemes = r.value;
    }
    this.syncSchemes();
    this.showMessage();
    this.schedule();
    if (changed && this.settled) this.dispatchEvent(new CustomEvent('change', { detail: { ...this.state } }));
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    if (this.run?.status === 'running') this.stopRun();
  }

  /** Starts training every picked scheme with the current settings (the Run button). */
  startRun() {
    if (this.errors.size) { this.showMessage(); return; }
    const jobs = jobsOf(this.state);
    this.run = { jobs, settings: { ...this.state }, losses: jobs.map(() => []), done: jobs.map(() => 0), results: [], where: null, status: 'running', t0: performance.now() };
    this.drawError = null;
    this.showMessage();
    this.runButton.disabled = true;
    this.stopButton.disabled = false;
    this.trainer.start(jobs, () => this.coreForFallback());
    this.renderNow();
  }

  /** Stops training now; what finished stays drawn (the Stop button). */
  stopRun() {
    if (!this.run || this.run.status !== 'running') return;
    this.trainer.stop();
    this.onEnd('stopped');
  }

  // The page's own core, for the main-thread fallback.
  coreForFallback() {
    return this.core ? Promise.resolve(this.core) : globalThis.posenc.load();
  }

  // The progress bar moves on every report; the charts redraw at most every REDRAW_MS
  // (a redraw per frame cost the training Worker, or the main thread in the fallback,
  // a large share of a core on a 2-core machine).
  onProgress(k, losses, done) {
    const run = this.run;
    for (const v of losses) run.losses[k].push(v);
    run.done[k] = done;
    this.showProgress(run);
    if (this.redrawTimer) return;
    this.redrawTimer = setTimeout(() => { this.redrawTimer = 0; this.schedule(); }, REDRAW_MS);
  }

  onEnd(status) {
    if (!this.run) return;
    this.run.status = status;
    this.run.seconds = (performance.now() - this.run.t0) / 1000;
    this.runButton.disabled = false;
    this.stopButton.disabled = true;
    this.renderNow();
    if (status === 'done') this.dispatchEvent(new CustomEvent('posenc-trained', { detail: { settings: this.run.settings, results: this.run.results } }));
  }

  draw(core, s, view) {
    const run = this.run;
    const settings = run ? run.settings : s;
    const L = settings.trainLength;
    const lengths = FACTORS.map((f) => f * L);
    const schemes = run ? run.jobs.map((j) => j.scheme) : s.schemes.split(',');
    this.showProgress(run);

    if (run?.where === 'main') {
      view.element('fallback').textContent = 'This page\'s security policy does not allow a Web Worker from a Blob URL, so training runs on the page itself, '
        + 'a few steps at a time between frames: the page stays usable but training is slower.';
    }
    const row = view.row('plots');
    row.setAttribute('aria-label', 'Training loss and accuracy against length');
    const block = lossBlock(settings.steps);
    view.chart('loss', {
      title: 'Training loss', xLabel: 'step', yLabel: block > 1 ? `loss (mean of ${block} steps)` : 'loss (cross-entropy)', xInteger: true,
      label: run ? `Training loss, mean of every ${block} steps, for ${schemes.join(', ')}` : 'Training loss: empty until Run is pressed',
      xDomain: [0, Math.max(1, settings.steps)], yDomain: run && run.losses.some((l) => l.length) ? undefined : [0, 1],
      series: schemes.map((scheme, k) => ({ name: scheme, ...blockMeans(run ? run.losses[k] : [], block), kind: 'line' })),
    }, 'plots');
    const acc = this.accuracySeries(run, schemes, lengths);
    const chart = view.chart('accuracy', {
      title: 'Accuracy against length', xLabel: `content tokens, log scale (trained: L = ${L})`, yLabel: 'accuracy', xLog: true,
      label: `Accuracy at ${lengths.join(', ')} tokens, one line per scheme; the training length is ${L}`,
      xDomain: [L / 1.25, 8 * L * 1.25], yDomain: [0, 1.05],
      // L at the bottom (trained lengths score high), 2L to 8L at the top (their scores fall toward chance).
      vrules: lengths.map((n, i) => ({ x: n, label: i ? `${FACTORS[i]}L` : 'L', at: i ? 'top' : 'bottom', anchor: i === FACTORS.length - 1 ? 'end' : 'start' })),
      series: acc.map((a) => ({ name: a.scheme, x: lengths, y: a.y, kind: 'line' })),
      markers: { series: acc, lengths },
    }, 'plots');
    keepMarkers(chart, view.colours);
    this.papers(view, schemes);

    const rows = acc.filter((a) => a.result).map((a) => [a.scheme, ...a.y.map((v) => (Number.isFinite(v) ? v : 'cannot run')),
      run.losses[schemes.indexOf(a.scheme)].at(-1) ?? NaN, a.result.seconds]);
    view.element('note').textContent = this.noteOf(run, s, acc);
    return {
      caption: run ? `Accuracy of each scheme at 1x to 8x the training length (task ${settings.task}, L = ${L}, ${settings.steps} steps, seed ${settings.seed})`
        : 'No run yet: press Run to train',
      columns: ['scheme', ...lengths.map((n, i) => `accuracy at ${n} (${FACTORS[i]}x)`), 'final training loss', 'seconds'],
      rows,
      summary: rows.length ? rows.map((r) => `${r[0]}: ${r.slice(1, 5).map((v) => (typeof v === 'number' ? fmt(v) : v)).join(', ')}`).join('; ') : undefined,
    };
  }

  // One accuracy series per scheme: the finished ones have numbers (null -> NaN, "cannot run").
  accuracySeries(run, schemes, lengths) {
    return schemes.map((scheme, k) => {
      const result = run?.results[k];
      const y = lengths.map((n) => {
        const v = result?.accuracy[String(n)];
        return v === null || v === undefined ? NaN : v;
      });
      const cannot = result ? lengths.filter((n) => result.accuracy[String(n)] === null) : [];
      return { scheme, result, y, cannot, marker: markerPath(k) };
    });
  }

  // The papers' findings for the schemes shown, as a small visible table.
  papers(view, schemes) {
    const table = view.element('papers', 'table', 'papers');
    const key = schemes.join(',');
    if (table.dataset.schemes === key) return;
    table.dataset.schemes = key;
    const cell = (tag, text, attrs = {}) => {
      const e = document.createElement(tag);
      e.textContent = text;
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      return e;
    };
    const head = document.createElement('tr');
    for (const h of ['scheme', 'Press et al. 2022 (perplexity, language model)', 'Kazemnejad et al. 2023 (accuracy, synthetic tasks)']) head.append(cell('th', h, { scope: 'col' }));
    const thead = document.createElement('thead');
    thead.append(head);
    const body = document.createElement('tbody');
    for (const r of findingRows(schemes)) {
      const tr = document.createElement('tr');
      tr.append(cell('th', r[0], { scope: 'row' }), cell('td', r[1]), cell('td', r[2]));
      body.append(tr);
    }
    const foot = document.createElement('tfoot');
    const ft = document.createElement('tr');
    ft.append(cell('td', PAPERS.join(' '), { colspan: '3' }));
    foot.append(ft);
    table.replaceChildren(cell('caption', 'What the papers report beyond the training length (their models are far larger than this one)'), thead, body, foot);
  }

  showProgress(run) {
    if (!run) {
      this.progress.value = 0;
      this.progressText.textContent = 'Not run yet: press Run to train every picked scheme.';
      return;
    }
    const total = run.jobs.reduce((a, j) => a + j.steps, 0);
    const done = run.done.reduce((a, b) => a + b, 0);
    this.progress.max = total;
    this.progress.value = done;
    const k = Math.min(run.results.filter(Boolean).length, run.jobs.length - 1);
    const where = run.where === 'main' ? ' on the page' : run.where === 'worker' ? ' in a Worker' : '';
    this.progressText.textContent = run.status === 'running'
      ? `Training ${run.jobs[k].scheme} (${k + 1} of ${run.jobs.length})${where}: step ${run.done[k]} of ${run.jobs[k].steps}.`
      : run.status === 'done' ? `Done: ${run.jobs.length} schemes trained${where} in ${fmt(run.seconds)} s.`
        : run.status === 'stopped' ? `Stopped after ${done} of ${total} steps; ${run.results.filter(Boolean).length} schemes finished.`
          : 'Training failed (see the message above).';
  }

  noteOf(run, s, acc) {
    if (!run) return 'Before a run the charts are empty; the table below says what the papers found.';
    const changed = Object.keys(run.settings).some((k) => run.settings[k] !== s[k]);
    const cannot = acc.filter((a) => a.cannot.length).map((a) => `${a.scheme} cannot run at ${a.cannot.join(', ')} (no table rows beyond its training length)`);
    return [cannot.join('; '), changed ? `The results are for task ${run.settings.task}, L = ${run.settings.trainLength}, ${run.settings.steps} steps, seed ${run.settings.seed}; press Run for the new settings.` : '']
      .filter(Boolean).join('. ');
  }
}
