// Runs the probe and publishes its outcome: in the page itself, with posenc.js
// already loaded by a classic <script>; or, with ?worker in the URL, in a
// dedicated Worker (worker.js) that loads posenc.js by importScripts.
// A separate file, not an inline script, so the page also runs under a CSP
// without 'unsafe-inline'.
/* global posenc, posencProbe, posencPublish */
'use strict'

const failure = (e) => ({ ok: false, error: String(e && e.message ? e.message : e) })

if (new URLSearchParams(location.search).has('worker')) {
  const worker = new Worker('worker.js')
  worker.onmessage = (event) => posencPublish(event.data, 'in a Worker')
  worker.onerror = (event) => posencPublish(failure('worker error: ' + event.message), 'in a Worker')
} else if (typeof posenc === 'undefined') {
  posencPublish(failure('posenc.js did not load (no global posenc)'), 'in the page')
} else {
  posenc.load()
    .then(async (pe) => Object.assign(posencProbe(pe), { sameInstance: pe === await posenc.load() }))
    .catch(failure)
    .then((outcome) => posencPublish(outcome, 'in the page'))
}
