// The extrapolation lab's training loop, one body for both places it runs: inside
// a Web Worker (made from posenc.workerSource() plus this file's functions, as
// text: see workerScript) and, where a page's Content-Security-Policy forbids
// Blob workers, on the main thread in short slices with yields in between.
//
// runLab and labWorker are serialized with Function.prototype.toString into the
// Worker's source: they must stay self-contained (no imports, no outer names).

/**
 * Trains each job in turn with the core's stateful trainer and reports as it goes.
 *
 *   for each job k: t = pe.trainer(job); while !t.done: losses = t.step(n) ... ; result = t.result()
 *
 * Steps are taken `chunk` at a time until `budgetMs` has passed, then the losses
 * of that slice go to hooks.progress(k, Float32Array, stepsDone); hooks.pause()
 * (optional) is awaited between slices (the main-thread fallback yields there), and
 * hooks.stopped() ends the run early. hooks.result(k, result) gets what
 * t.result() returns ({scheme, task, trainLength, loss, accuracy, seconds}, the
 * same object as pe.train(job) returns for the same options). Every trainer is
 * deleted, also when a step throws (a PosencError reaches the caller's promise).
 */
export function runLab(pe, jobs, hooks) {
  const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
  return (async () => {
    for (let k = 0; k < jobs.length; k++) {
      if (hooks.stopped()) return;
      const job = jobs[k];
      const t = pe.trainer(job);
      try {
        let done = 0;
        while (!t.done) {
          const start = now();
          const parts = [];
          let n = 0;
          do {
            const part = t.step(Math.max(1, Math.min(hooks.chunk, job.steps - done - n)));
            if (part.length === 0) throw new Error(`trainer for ${job.scheme} made no progress at step ${done + n}`);
            parts.push(part);
            n += part.length;
          } while (!t.done && now() - start < hooks.budgetMs);
          const losses = new Float32Array(n);
          let at = 0;
          for (const p of parts) { losses.set(p, at); at += p.length; }
          done += n;
          hooks.progress(k, losses, done);
          if (hooks.pause) await hooks.pause();
          if (hooks.stopped()) return;
        }
        hooks.result(k, t.result());
      } finally {
        t.delete();
      }
    }
  })();
}

/**
 * The Worker's message loop. Loads the core (the global `posenc` that
 * posenc.workerSource() defines), posts {type: 'ready'}, then for each
 * {type: 'run', run, jobs, chunk, budgetMs} posts {type: 'progress', run, k,
 * losses, done}, {type: 'result', run, k, result} and finally {type: 'done', run}
 * or {type: 'error', run, message}. A load failure posts {type: 'fail', message}.
 * Stopping is the page's worker.terminate(): nothing to ask the loop.
 */
export function labWorker(scope, run) {
  const message = (e) => String(e && e.message ? e.message : e);
  // The result as plain data (structured-clonable whatever the binding returns).
  const plain = (r) => ({ scheme: r.scheme, task: r.task, trainLength: r.trainLength, loss: Float32Array.from(r.loss),
    accuracy: Object.assign({}, r.accuracy), seconds: r.seconds });
  scope.posenc.load().then((pe) => {
    scope.onmessage = (event) => {
      const m = event.data;
      if (!m || m.type !== 'run') return;
      run(pe, m.jobs, {
        chunk: m.chunk,
        budgetMs: m.budgetMs,
        stopped: () => false,
        progress: (k, losses, done) => scope.postMessage({ type: 'progress', run: m.run, k, losses, done }, [losses.buffer]),
        result: (k, r) => scope.postMessage({ type: 'result', run: m.run, k, result: plain(r) }),
      }).then(() => scope.postMessage({ type: 'done', run: m.run }),
        (e) => scope.postMessage({ type: 'error', run: m.run, message: message(e) }));
    };
    scope.postMessage({ type: 'ready' });
  }, (e) => scope.postMessage({ type: 'fail', message: message(e) }));
}

/**
 * The whole Worker script as text: the core (posencGlobal.workerSource(): wasm
 * included, nothing fetched, so it works from file:// too) and the two functions
 * above, started on the Worker's global scope.
 */
export function workerScript(posencGlobal) {
  return `${posencGlobal.workerSource()}\n;(${labWorker.toString()})(self, ${runLab.toString()});\n`;
}
