// The API calls every browser context makes (a page and a Worker alike), as a
// classic script defining one global, so that a <script src> and importScripts
// both load it. The outcome is plain JSON (typed arrays become arrays) that the
// test checks against the paper's formulas and the native CLI; nothing is
// checked here, so a wrong module cannot grade itself.
/* exported posencProbe */
function posencProbe (pe) {
  'use strict'
  const array = (t) => ({ type: t.constructor.name, shape: Array.from(t.shape), data: Array.from(t) })
  const inWorker = typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope // eslint-disable-line no-undef

  const enc = pe.encode({ scheme: 'sinusoidal', length: 8, dim: 16 })
  // Causal ALiBi with the inputs, so the test can redo softmax(q k^T / sqrt(d) + bias) v.
  const att = pe.attention({ scheme: 'alibi', length: 4, heads: 2, dim: 3, causal: true, weights: true, inputs: true })

  let error = { thrown: false }
  try {
    pe.encode({ scheme: 'sinusoidal', length: 0, dim: 4 })
  } catch (e) {
    error = {
      thrown: true,
      name: e.name,
      isPosencError: e instanceof pe.PosencError,
      message: e.message,
      argument: e.argument,
      got: e.got,
      allowed: e.allowed
    }
  }
  // The module must stay usable after the error.
  const after = pe.encode({ scheme: 'sinusoidal', length: 2, dim: 4 })

  return {
    ok: true,
    realm: inWorker ? 'worker' : 'window',
    version: pe.version,
    commands: pe.commands,
    encode: { layout: enc.layout, length: enc.length, dim: enc.dim, data: array(enc.data) },
    attention: { output: array(att.output), weights: array(att.weights), q: array(att.q), k: array(att.k), v: array(att.v) },
    error,
    after: array(after.data)
  }
}
