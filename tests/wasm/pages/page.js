// Runs the probe and publishes its outcome: in the page itself, with posenc.js
// already loaded by a classic <script>; or, with ?worker in the URL, in a
// dedicated Worker (worker.js) that loads posenc.js by importScripts; or, with
// ?blobworker, in a Worker made from posenc.workerSource().
// A separate file, not an inline script, so the page also runs under a CSP
// without 'unsafe-inline'.
/* global posenc, posencProbe, posencPublish */
'use strict'

const failure = (e) => ({ ok: false, error: String(e && e.message ? e.message : e) })

if (new URLSearchParams(location.search).has('worker')) {
  const worker = new Worker('worker.js')
  worker.onmessage = (event) => posencPublish(event.data, 'in a Worker')
  worker.onerror = (event) => posencPublish(failure('worker error: ' + event.message), 'in a Worker')
} else if (new URLSearchParams(location.search).has('blobworker')) {
  // posenc.workerSource(): a Worker from a Blob, nothing fetched (also from file://).
  const source = posenc.workerSource() + '\nvar posencProbe = ' + posencProbe.toString() +
    ';\nposenc.load().then(posencProbe).catch(function (e) { return { ok: false, error: String(e && e.message ? e.message : e) } })' +
    '.then(function (outcome) { postMessage(outcome) })\n'
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })))
  worker.onmessage = (event) => posencPublish(event.data, 'in a Blob Worker')
  worker.onerror = (event) => posencPublish(failure('worker error: ' + event.message), 'in a Blob Worker')
} else if (typeof posenc === 'undefined') {
  posencPublish(failure('posenc.js did not load (no global posenc)'), 'in the page')
} else {
  posenc.load()
    .then(async (pe) => Object.assign(posencProbe(pe), { sameInstance: pe === await posenc.load() }))
    .catch(failure)
    .then((outcome) => posencPublish(outcome, 'in the page'))
}
