// Proves that cpp/wasm/posenc.d.ts describes the real module:
// 1. tests/wasm/types (a usage example of every command, and misuse lines each
//    marked @ts-expect-error) compiles under tsc --strict;
// 2. the check can fail: a copy whose .d.ts is loosened and whose usage reads a
//    key the .d.ts dropped does not compile;
// 3. the results of the real module (build/wasm/posenc.js) match the declared
//    result of the same call, key by key: a probe file, generated from what the
//    module returns, must compile (no key missing or extra, same value types,
//    the same typed array kinds and shape ranks).
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const tsc = join(root, 'node_modules/typescript/bin/tsc')
const dts = join(root, 'cpp/wasm/posenc.d.ts')
const wasm = process.env.POSENC_WASM ? resolve(process.env.POSENC_WASM) : join(root, 'build/wasm/posenc.js')

/** Runs tsc -p dir; resolves to {code, out} (tsc prints its diagnostics on stdout). */
function runTsc (dir) {
  return new Promise((done) => {
    execFile(process.execPath, [tsc, '-p', dir, '--noEmit'], { timeout: 120e3 }, (error, stdout, stderr) =>
      done({ code: error ? (error.code ?? 1) : 0, out: stdout + stderr }))
  })
}

/** A throwaway package named posenc: its package.json, its .d.ts (edited by `edit`), and `files`. */
function scratchPackage (files, edit = (text) => text) {
  const dir = mkdtempSync(join(tmpdir(), 'posenc-types-'))
  cpSync(join(root, 'package.json'), join(dir, 'package.json'))
  mkdirSync(join(dir, 'cpp/wasm'), { recursive: true })
  writeFileSync(join(dir, 'cpp/wasm/posenc.d.ts'), edit(readFileSync(dts, 'utf8')))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

const typesDir = join(root, 'tests/wasm/types')
const copyOfTypes = Object.fromEntries(['tsconfig.json', 'usage.ts', 'misuse.ts'].map((name) =>
  ['tests/wasm/types/' + name, readFileSync(join(typesDir, name), 'utf8')]))

test('the usage example and the misuse lines type-check against posenc.d.ts', async () => {
  const { code, out } = await runTsc(typesDir)
  assert.equal(out.trim(), '', 'tsc reported:\n' + out)
  assert.equal(code, 0)
})

test('a loosened posenc.d.ts fails the same check', async () => {
  const loose = scratchPackage(copyOfTypes, (text) => {
    const before = text
    // ropeFreqs accepts anything: the ropeFreqs misuse lines' @ts-expect-error go unused.
    text = text.replace(/readonly ropeFreqs: FormattedCommand<[^>]+>/, 'readonly ropeFreqs: any')
    // A learned result without maxLength: the usage example reads it.
    text = text.replace(/(LearnedEncodeResult[^{]*\{[^}]*?)\n\s*maxLength: number/, '$1')
    assert.notEqual(text, before)
    return text
  })
  try {
    const { code, out } = await runTsc(join(loose, 'tests/wasm/types'))
    assert.notEqual(code, 0, 'tsc accepted the loosened declarations')
    assert.match(out, /misuse\.ts\(\d+,\d+\): error TS2578: Unused '@ts-expect-error' directive/)
    assert.match(out, /usage\.ts\(\d+,\d+\): error TS\d+: Property 'maxLength' does not exist/)
  } finally {
    rmSync(loose, { recursive: true, force: true })
  }
})

// Calls whose results cover every result type and every optional key both ways.
const CASES = [
  ...['none', 'index', 'normalized', 'random', 'learned', 'sinusoidal'].map((scheme) =>
    ['encode', { scheme, length: 3, dim: 4 }]),
  ['encode', { scheme: 'index', length: 2, dim: 2, format: 'csv' }],
  ['encode', { help: true }],
  ['relative', { length: 3 }],
  ['relative', { length: 3, clip: 1 }],
  ['t5Bucket', { positions: [-200, -1, 0, 3], causal: true, numBuckets: 8, maxDistance: 20 }],
  ['alibi', { heads: 2 }],
  ['alibi', { heads: 2, length: 3, symmetric: true }],
  ['alibi', { heads: 2, length: 3, format: 'csv' }],
  ['ropeFreqs', { dim: 8, partial: 0.5 }],
  ['ropeFreqs', { dim: 8, scaling: 'yarn', factor: 4, betaFast: 16 }],
  ['ropeFreqs', { dim: 8, scaling: 'dynamic', factor: 2, seqLen: 20000 }],
  ['ropeApply', { pairing: 'interleaved', position: 3, vector: [1, 2, 3, 4], scaling: 'llama3', factor: 8 }],
  ['ropeDecay', { dim: 8, maxDistance: 6, step: 2 }],
  ['fire', { length: 3, heads: 2, hidden: 4 }],
  ['conv', { length: 5, dim: 2, content: 'ones' }],
  ['metrics', { scheme: 'sinusoidal', length: 4, dim: 4 }],
  ['metrics', { scheme: 'learned', length: 4, dim: 4 }], // extrapolation: maxAbsBeyond null, error a string
  ['attention', { scheme: 'alibi', length: 2, heads: 1, dim: 2 }],
  ['attention', { scheme: 'rope', length: 2, heads: 2, dim: 4, causal: true, weights: true, scores: true, inputs: true }],
  ['attention', { scheme: 't5', length: 2, heads: 1, dim: 2, scores: true, numBuckets: 4 }],
  ['similarity', { scheme: 'sinusoidal', length: 3, dim: 4, measure: 'cosine' }],
  ['similarity', { scheme: 'learned', length: 3, dim: 2 }],
  ['embed', { scheme: 'random', length: 2, dim: 2, wordScale: 0.5 }],
  ['embed', { scheme: 'none', length: 2, dim: 3 }],
  ['train', { scheme: 'learned', trainLength: 2, evalLengths: [2, 4], steps: 2, dim: 4, heads: 2, batch: 2, evalExamples: 2 }]
]

// TypeScript lines that hold the declared type of `expr` to the runtime `value`.
function probe (expr, value, lines) {
  const T = `typeof ${expr}`
  if (typeof value === 'string') {
    lines.push(`accept<${T}>(${JSON.stringify(value)} as const)`)
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    // Both ways (a number may be declared `number | null`, the CLI's null for non-finite;
    // undefined: a key that is there only with some options).
    lines.push(`accept<${T}>(null as unknown as ${typeof value})`)
    lines.push(`accept<${typeof value === 'number' ? 'number | null' : 'boolean'} | undefined>(${expr})`)
  } else if (value === null) {
    lines.push(`accept<${T}>(null)`)
  } else if (ArrayBuffer.isView(value)) {
    // Runtime type into the declared one, and the declared one into the runtime kind:
    // a wrong typed array kind fails one way, a too-wide union the other.
    const kind = value.constructor.name
    lines.push(`accept<${T}>(null as unknown as ${kind} & { readonly shape: readonly [${value.shape.map(() => 'number')}] })`)
    lines.push(`accept<${kind}>(${expr})`)
  } else if (Array.isArray(value)) { // a plain list of numbers or names
    const items = value.map((v) => typeof v === 'string' ? JSON.stringify(v) : typeof v)
    lines.push(`accept<${T}>(null as unknown as [${items}])`)
  } else if (typeof value === 'object') {
    // Exactly the keys: the required ones all there, none that is not declared.
    const keys = Object.keys(value).map((k) => `${JSON.stringify(k)}: true`).join(', ')
    lines.push(`keys<${T}>({ ${keys} })`)
    for (const [k, v] of Object.entries(value)) probe(`${expr}[${JSON.stringify(k)}]`, v, lines)
  } else if (typeof value !== 'function') {
    throw new Error(`${expr}: unexpected ${typeof value}`)
  }
}

test('the declared results match what the module returns, key by key', async () => {
  const { load } = createRequire(import.meta.url)(wasm)
  const pe = await load()
  const lines = [
    "import type { Posenc } from 'posenc'",
    'declare const pe: Posenc',
    'declare function accept<T>(value: T): void',
    'type Req<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T]',
    'declare function keys<T>(k: { [K in Req<T>]: true } & { [K in Exclude<keyof T, Req<T>>]?: true }): void'
  ]
  probe('pe', pe, lines) // version, commands, the members' names
  lines.push('const memory = pe.memory()')
  probe('memory', pe.memory(), lines)
  lines.push('const option = pe.attention.options[4]')
  probe('option', pe.attention.options[4], lines)
  CASES.forEach(([command, options], n) => {
    lines.push(`const r${n} = pe.${command}(${JSON.stringify(options)})`)
    probe(`r${n}`, pe[command](options), lines)
  })
  try {
    pe.encode({ scheme: 'index', length: 0, dim: 1 })
    assert.fail('no error thrown')
  } catch (e) {
    assert.ok(e instanceof pe.PosencError, String(e))
    lines.push('declare const e: InstanceType<Posenc["PosencError"]>')
    for (const k of ['name', 'message', 'command', 'argument', 'got', 'allowed']) probe(`e[${JSON.stringify(k)}]`, e[k], lines)
  }
  const dir = scratchPackage({
    'probe.ts': lines.join('\n') + '\n',
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'preserve', moduleResolution: 'bundler', lib: ['es2022'], types: [] }, files: ['probe.ts'] })
  })
  try {
    const { code, out } = await runTsc(dir)
    assert.equal(out.trim(), '', 'the declarations disagree with the module:\n' + out +
      '\nprobe lines:\n' + lines.map((l, i) => `${i + 1}: ${l}`).join('\n'))
    assert.equal(code, 0)
    assert.ok(lines.length > 200, `the probe has only ${lines.length} lines`) // it did cover the results
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
