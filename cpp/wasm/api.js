// posenc JS API: the hand-written layer over the Embind table (bindings.cpp).
// Appended to the Emscripten output (--extern-post-js), so one file, posenc.js,
// holds the wasm binary, its loader and this API, and loads alike as a classic
// <script> (global `posenc`), from file://, in a Worker, and in Node
// (require/import; see index.mjs). Types: posenc.d.ts.
//
//   const pe = await posenc.load();
//   const r = pe.encode({ scheme: 'sinusoidal', length: 64, dim: 128 });
//   r.data           // Float32Array, r.data.shape = [64, 128], row i = position i
//
// Every command of the CLI is a function here, named in camelCase, taking the
// CLI's options in camelCase (--max-length 8 -> {maxLength: 8}) and returning the
// CLI's JSON document as an object: the same keys in camelCase, every array a
// typed array the caller owns (a copy; memory growth cannot detach it) with a
// `shape` property. Bad input throws a PosencError whose message is the line the
// CLI prints; the module stays usable.
;(function posencApi (root, createCore) {
  'use strict'

  const COMMANDS = ['encode', 'relative', 't5Bucket', 'alibi', 'ropeFreqs', 'ropeApply', 'ropeDecay',
    'fire', 'conv', 'metrics', 'attention', 'similarity', 'embed', 'train']

  // maxLength -> max-length, t5Bucket -> t5-bucket
  const kebab = (name) => name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())

  /** A bad argument: `message` is the CLI's line; `argument` names the option in camelCase. */
  class PosencError extends Error {
    constructor (message, details) {
      super(message)
      this.name = 'PosencError'
      this.command = details.command
      this.argument = details.argument
      this.got = details.got
      this.allowed = details.allowed
    }
  }

  // An option's value as the CLI would read it. Arrays and typed arrays are
  // comma-separated lists (--vector 1,2,3); numbers print in full precision.
  function text (value) {
    if (typeof value === 'string') return value
    if (typeof value === 'symbol') return value.toString()
    if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.prototype.map.call(value, text).join(',')
    return String(value)
  }

  // {length: 8, causal: true, maxLength: 16} -> ['--length=8', '--causal', '--max-length=16'].
  // undefined and null mean "not given" (the default), for one option or for the
  // whole options object; false turns a flag off.
  function argv (command, options, flags) {
    if (options === undefined || options === null) return []
    if (typeof options !== 'object' || Array.isArray(options) || ArrayBuffer.isView(options)) {
      throw new PosencError('posenc ' + kebab(command) + ': options: got ' + text(options) +
        '; allowed: an object of options, e.g. {length: 8}', { command, argument: 'options', got: text(options), allowed: 'an object of options' })
    }
    const words = []
    for (const key of Object.keys(options)) {
      const value = options[key]
      const name = '--' + kebab(key)
      if (value === undefined || value === null) continue
      if (key === 'help' || flags.has(kebab(key))) {
        if (value === true) words.push(name)
        else if (value !== false) words.push(name + '=' + text(value)) // the CLI's "it is a flag" error
      } else {
        words.push(name + '=' + text(value))
      }
    }
    return words
  }

  function makeApi (core) {
    const api = {
      /** The library version, as `posenc --version` prints it. */
      version: core.version(),
      /** Every size limit, as `posenc --limits` prints it: {maxLength, maxDim, maxHeads, maxOutputBytes, ...}. */
      limits: Object.freeze(core.limits()),
      /** The command names, in camelCase. */
      commands: COMMANDS.slice(),
      PosencError,
      /** Bytes malloc holds and the size of wasm memory (diagnostics; the leak test reads them). */
      memory: () => ({ heapInUse: core.heapInUse(), memoryBytes: core.memoryBytes() })
    }
    for (const command of COMMANDS) {
      const spec = Object.freeze(core[command + 'Options']().map((o) => Object.freeze(o)))
      const flags = new Set(spec.filter((o) => o.flag).map((o) => kebab(o.name)))
      const run = core[command]
      const fn = function (options) {
        const r = run(argv(command, options, flags))
        if (r.error !== undefined) {
          throw new PosencError(r.error, { command, argument: r.argument, got: r.got, allowed: r.allowed })
        }
        return r.value
      }
      /** The command's options: [{name, value, help, flag}], as `posenc <command> --help` lists them. */
      fn.options = spec
      api[command] = fn
    }
    /**
     * A training run of `posenc train`, step by step (for a Worker that reports
     * progress): the same options, defaults and errors as pe.train(options), and
     * t.result() equals pe.train(options) (but `seconds`) once every step ran.
     */
    api.trainer = function trainer (options) {
      const words = argv('train', options, new Set()) // train has no flags
      const session = new core.TrainSession()
      const r = session.configure(words)
      if (r.error !== undefined) {
        session.delete()
        throw new PosencError(r.error, { command: 'train', argument: r.argument, got: r.got, allowed: r.allowed })
      }
      return makeTrainer(session, r.value)
    }
    return Object.freeze(api)
  }

  // The JS face of a wasm TrainSession (bindings.cpp): steps, step(n), done,
  // stepsDone, result(), delete().
  function makeTrainer (session, steps) {
    let live = session
    const value = (r) => {
      if (r.error !== undefined) {
        throw new PosencError(r.error, { command: 'train', argument: r.argument, got: r.got, allowed: r.allowed })
      }
      return r.value
    }
    const open = (what) => {
      if (!live) throw new Error('posenc trainer: ' + what + '() after delete()')
      return live
    }
    return Object.freeze({
      /** Steps configured. */
      steps,
      /** Steps run so far. */
      get stepsDone () { return live ? live.stepsDone() : steps },
      /** True once every configured step ran. */
      get done () { return live ? live.done() : true },
      /** Runs n (an integer >= 0) more steps, never past `steps`; a Float32Array of their losses. */
      step (n) {
        if (!Number.isInteger(n) || n < 0) {
          throw new PosencError('posenc train: n: got ' + text(n) + '; allowed: integer >= 0 (steps to run)',
            { command: 'train', argument: 'n', got: text(n), allowed: 'integer >= 0 (steps to run)' })
        }
        return value(open('step').step(n))
      },
      /** Evaluates at every evaluation length: the object pe.train(options) returns. */
      result () { return value(open('result').result()) },
      /** Frees the wasm object; safe to call twice. */
      delete () {
        if (live) live.delete()
        live = null
      }
    })
  }

  let loading = null

  /**
   * Loads the module once per page (or Worker, or Node process) and resolves to
   * the API; later calls return the same instance. `moduleArg` is passed to the
   * Emscripten factory on the first call.
   */
  function load (moduleArg) {
    if (!loading) {
      loading = Promise.resolve()
        .then(() => createCore(moduleArg || {}))
        .then(makeApi, (e) => {
          loading = null // let a later call try again
          throw new Error('posenc: the WebAssembly module failed to load: ' + (e && e.message ? e.message : e))
        })
    }
    return loading
  }

  /**
   * JavaScript source that, run as a classic Worker script (for example from a
   * Blob URL), defines the same global `posenc` inside the Worker, the
   * WebAssembly binary included. It is built from this file's own functions, so a
   * page can start a Worker without fetching anything (works from file://).
   */
  function workerSource () {
    return 'var _scriptDir;\nvar createPosencCore = (' + createCore.toString() + ');\n;(' +
      posencApi.toString() + ')(self, createPosencCore);\n'
  }

  const exported = { load, PosencError, workerSource }
  if (typeof module === 'object' && module && module.exports !== undefined) module.exports = exported
  else root.posenc = exported
})(typeof globalThis !== 'undefined' ? globalThis : this, createPosencCore)
