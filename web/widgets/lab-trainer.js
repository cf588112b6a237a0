// Where the extrapolation lab trains: a Web Worker made from a Blob URL (the page
// stays responsive), or, where the page's Content-Security-Policy blocks Blob
// workers (no blob: in worker-src / script-src), the main thread in slices of a
// few milliseconds with a yield to the browser after each.
import { runLab, workerScript } from './lab-runner.js';

/** Steps per trainer.step() call, and the milliseconds of steps between reports (Worker, main thread). */
export const CHUNK = 4;
export const WORKER_SLICE_MS = 40;
export const MAIN_SLICE_MS = 12;

// A macrotask yield: the browser can paint and handle input before the next slice.
const yieldToBrowser = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (e) => String(e && e.message ? e.message : e);

export class LabTrainer {
  /**
   * hooks: {progress(k, losses, done), result(k, result), done(), error(message), mode(where)}
   * where `where` is 'worker' or 'main' (said once per run, before any progress).
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.worker = null;
    this.ready = null; // Promise<Worker | null>: null = Blob workers are blocked here
    this.blocked = false; // Blob workers refused once: do not try again on this page
    this.run = 0;
    this.active = false;
  }

  /** Trains `jobs` (pe.trainer options, one per scheme) in order; a new run stops the last. */
  async start(jobs, loadCore) {
    this.stop();
    const run = ++this.run;
    this.active = true;
    const worker = this.blocked ? null : await this.workerReady();
    if (run !== this.run) return;
    if (worker) {
      this.hooks.mode('worker');
      worker.postMessage({ type: 'run', run, jobs, chunk: CHUNK, budgetMs: WORKER_SLICE_MS });
      return;
    }
    this.hooks.mode('main');
    try {
      const pe = await loadCore();
      await runLab(pe, jobs, {
        chunk: CHUNK,
        budgetMs: MAIN_SLICE_MS,
        pause: yieldToBrowser,
        stopped: () => run !== this.run,
        progress: (k, losses, done) => { if (run === this.run) this.hooks.progress(k, losses, done); },
        result: (k, r) => { if (run === this.run) this.hooks.result(k, r); },
      });
      if (run === this.run) this.finish(() => this.hooks.done());
    } catch (e) {
      if (run === this.run) this.finish(() => this.hooks.error(text(e)));
    }
  }

  /** Stops the current run: the Worker is terminated at once (a fresh one serves the next run). */
  stop() {
    this.run++;
    this.active = false;
    if (this.worker) {
      this.worker.terminate();
      this.worker = null;
      this.ready = null;
    }
  }

  finish(report) {
    this.active = false;
    report();
  }

  // The Worker, loaded and listening; null where Blob workers are refused.
  workerReady() {
    if (this.ready) return this.ready;
    this.ready = new Promise((resolve) => {
      let worker;
      let url;
      const refuse = () => { this.blocked = true; this.ready = null; resolve(null); };
      try {
        url = URL.createObjectURL(new Blob([workerScript(globalThis.posenc)], { type: 'text/javascript' }));
        worker = new Worker(url);
      } catch {
        if (url) URL.revokeObjectURL(url);
        refuse();
        return;
      }
      let loaded = false;
      worker.onerror = (event) => {
        event.preventDefault?.();
        if (!loaded) { worker.terminate(); URL.revokeObjectURL(url); refuse(); return; }
        this.workerFailed(worker, event.message || 'the training Worker failed');
      };
      worker.onmessage = (event) => {
        const m = event.data;
        if (m.type === 'ready') { loaded = true; URL.revokeObjectURL(url); this.worker = worker; resolve(worker); return; }
        if (m.type === 'fail') { worker.terminate(); URL.revokeObjectURL(url); refuse(); return; }
        if (m.run !== this.run) return;
        if (m.type === 'progress') this.hooks.progress(m.k, m.losses, m.done);
        else if (m.type === 'result') this.hooks.result(m.k, m.result);
        else if (m.type === 'done') this.finish(() => this.hooks.done());
        else if (m.type === 'error') this.finish(() => this.hooks.error(m.message));
      };
    });
    return this.ready;
  }

  // A Worker that died after loading (out of memory, say): report it; the next run makes a new one.
  workerFailed(worker, message) {
    if (worker !== this.worker) return;
    worker.terminate();
    this.worker = null;
    this.ready = null;
    if (this.active) this.finish(() => this.hooks.error(`training Worker: ${message}`));
  }
}
