// posenc in a dedicated Worker (index.html?worker): importScripts loads the same
// artifact, the probe runs here and its outcome goes back to the page as a message.
/* global posenc, posencProbe */
'use strict'
importScripts('../../../build/wasm/posenc.js', 'probe.js')

posenc.load()
  .then(posencProbe)
  .catch((e) => ({ ok: false, error: String(e && e.message ? e.message : e) }))
  .then((outcome) => postMessage(outcome))
