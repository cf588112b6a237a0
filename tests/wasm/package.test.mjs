// Proves that the npm package works as a user gets it: `npm pack` of this repo
// holds the module, its ESM entry and its types and no other code; installed from
// the tarball into a fresh folder, `import { load } from 'posenc'` (Node ESM),
// `require('posenc')` (CommonJS) and esbuild bundles of that import (for node, run
// in Node; for the browser, run in Chromium from file://) all compute the
// sinusoidal table the formula gives, and TypeScript finds the package's types.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const run = promisify(execFile)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

// The expected table, from Vaswani et al.: PE(i, 2k) = sin(i / 10000^(2k/D)),
// PE(i, 2k+1) = cos(i / 10000^(2k/D)); row-major, L = 3, D = 4.
const L = 3
const D = 4
const expected = []
for (let i = 0; i < L; ++i) {
  for (let k = 0; k < D / 2; ++k) {
    const angle = i / Math.pow(10000, (2 * k) / D)
    expected.push(Math.sin(angle), Math.cos(angle))
  }
}
function assertTable (values, where) {
  assert.equal(values.length, L * D, `${where}: ${values.length} values`)
  values.forEach((v, n) => assert.ok(Math.abs(v - expected[n]) <= 1e-6, `${where}: [${n}] = ${v}, expected ${expected[n]}`))
}

// What a user writes: the import, one call, the data printed (and, in a page, kept).
const ENTRY = `import { load } from 'posenc'
const pe = await load()
const r = pe.encode({ scheme: 'sinusoidal', length: ${L}, dim: ${D} })
globalThis.posencResult = { data: Array.from(r.data), shape: r.data.shape, type: r.data.constructor.name }
if (typeof document === 'undefined') console.log(JSON.stringify(globalThis.posencResult))
`
// The same without top-level await, which CommonJS and iife bundles cannot hold.
const ENTRY_THEN = ENTRY.replace('const pe = await load()\n', 'load().then((pe) => {\n').replace(/\n$/, '\n})\n')
const CJS = `require('posenc').load().then((pe) => {
  const r = pe.encode({ scheme: 'sinusoidal', length: ${L}, dim: ${D} })
  console.log(JSON.stringify({ data: Array.from(r.data), shape: r.data.shape, type: r.data.constructor.name }))
})
`

let work, app
before(async () => {
  work = mkdtempSync(join(tmpdir(), 'posenc-package-'))
  app = join(work, 'app')
  mkdirSync(app)
  writeFileSync(join(app, 'entry.mjs'), ENTRY)
  writeFileSync(join(app, 'entry-then.mjs'), ENTRY_THEN)
  writeFileSync(join(app, 'entry.cjs'), CJS)
})
after(() => rmSync(work, { recursive: true, force: true }))

/** Runs a command in the app folder; returns stdout. */
async function inApp (command, args) {
  try {
    return (await run(command, args, { cwd: app, timeout: 60e3 })).stdout
  } catch (e) {
    throw new Error(`${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? e.message}`)
  }
}
function parsed (stdout, where) {
  const r = JSON.parse(stdout.trim().split('\n').pop())
  assert.deepEqual(r.shape, [L, D], `${where}: shape`)
  assert.equal(r.type, 'Float32Array', `${where}: type`)
  assertTable(r.data, where)
}

test('npm pack holds the module, its ESM entry and its types, and no other code', async () => {
  const { stdout } = await run(npm, ['pack', '--json', '--pack-destination', work], { cwd: root, timeout: 60e3 })
  const [packed] = JSON.parse(stdout)
  const files = packed.files.map((f) => f.path).sort()
  assert.deepEqual(files, ['LICENSE', 'README.md', 'build/wasm/posenc.js', 'cpp/wasm/index.mjs',
    'cpp/wasm/posenc.d.ts', 'package.json'])
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'posenc-consumer', private: true }))
  await inApp(npm, ['install', join(work, packed.filename), '--no-audit', '--no-fund', '--offline'])
})

test('Node ESM: import { load } from "posenc"', async () => {
  parsed(await inApp(process.execPath, ['entry.mjs']), 'node esm')
})

test('Node CommonJS: require("posenc")', async () => {
  parsed(await inApp(process.execPath, ['entry.cjs']), 'node cjs')
})

test('TypeScript in the consumer finds the types through the installed package', async () => {
  writeFileSync(join(app, 'typed.mts'), `import { load } from 'posenc'
const pe = await load()
const data: Float32Array = pe.encode({ scheme: 'sinusoidal', length: ${L}, dim: ${D} }).data
// @ts-expect-error not an option: proves the types are the package's, not any
pe.encode({ scheme: 'sinusoidal', length: ${L}, dim: ${D}, width: 4 })
void data
`)
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true,
    target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022'], types: [] }, files: ['typed.mts'] }))
  await inApp(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'])
})

const esbuild = join(root, 'node_modules/.bin/esbuild')

test('esbuild bundle for node (its default format, CommonJS), run in Node', async () => {
  await inApp(esbuild, ['entry-then.mjs', '--bundle', '--platform=node', '--log-level=warning',
    '--outfile=bundle-node.cjs'])
  parsed(await inApp(process.execPath, ['bundle-node.cjs']), 'esbuild node bundle')
})

// An ES-module bundle has no __dirname, which the Emscripten loader reads in Node;
// cpp/wasm/pre.js gives it a local stand-in.
test('esbuild bundle for node as an ES module, run in Node', async () => {
  await inApp(esbuild, ['entry.mjs', '--bundle', '--platform=node', '--format=esm', '--log-level=warning',
    '--outfile=bundle-node.mjs'])
  parsed(await inApp(process.execPath, ['bundle-node.mjs']), 'esbuild node esm bundle')
})

test('esbuild bundle for the browser (iife), run in Chromium from file://', async () => {
  const log = await run(esbuild, ['entry-then.mjs', '--bundle', '--platform=browser', '--format=iife',
    '--outfile=bundle-browser.js'], { cwd: app, timeout: 60e3 })
  assert.doesNotMatch(log.stderr, /warning|error/i, 'esbuild: ' + log.stderr)
  writeFileSync(join(app, 'page.html'), '<!doctype html><title>posenc</title><script src="bundle-browser.js"></script>\n')
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync']
  })
  try {
    const page = await browser.newPage()
    const problems = []
    page.on('pageerror', (e) => problems.push(e.message))
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()) })
    await page.goto(pathToFileURL(join(app, 'page.html')).href)
    await page.waitForFunction(() => globalThis.posencResult !== undefined, undefined, { timeout: 30e3 })
      .catch(() => {}) // the asserts below say what went wrong
    const r = await page.evaluate(() => globalThis.posencResult)
    assert.deepEqual(problems, [])
    assert.ok(r, 'the page computed nothing')
    assert.deepEqual(r.shape, [L, D])
    assert.equal(r.type, 'Float32Array')
    assertTable(r.data, 'chromium')
  } finally {
    await browser.close()
  }
})
