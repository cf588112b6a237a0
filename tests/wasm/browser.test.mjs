// Proves in real Chromium that the one artifact, build/wasm/posenc.js, loads and
// computes right in a page served over http, a page opened from file://, a page
// under the strict CSP `script-src 'self' 'wasm-unsafe-eval'` (and that the same
// page under a CSP without 'wasm-unsafe-eval' fails, so that test can fail), and a
// Web Worker (importScripts). The pages (tests/wasm/pages/) only call the API and
// publish plain JSON; the checks are here: the paper's sinusoid formula, attention
// redone from its q, k, v, and the native CLI's output and error line.
// A context passes only with no console error, page error or CSP violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { COMMANDS } from './support.mjs';
import { staticHandler } from '../../web/site/static.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = process.env.POSENC_BIN || path.join(root, 'build/native/posenc');
const WASM = path.resolve(root, process.env.POSENC_WASM || 'build/wasm/posenc.js');
const CHROMIUM = process.env.POSENC_CHROMIUM || '/usr/bin/chromium';
// The flags that work headless, as root, with no network (../shared/notes/toolchain.md).
const CHROMIUM_ARGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

const STRICT_CSP = "script-src 'self' 'wasm-unsafe-eval'";
const NO_WASM_CSP = "script-src 'self'";
const CSP = { strict: STRICT_CSP, 'no-wasm': NO_WASM_CSP }; // ?csp=<key> on any route

let site; // a temporary root: build/wasm/posenc.js and tests/wasm/pages, as links
let server;
let origin;
let browser;

// The site the pages expect (they load ../../../build/wasm/posenc.js), with the
// artifact under test (POSENC_WASM) linked in, so http and file:// see one layout.
function makeSite() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'posenc-browser-'));
  mkdirSync(path.join(dir, 'build/wasm'), { recursive: true });
  mkdirSync(path.join(dir, 'tests/wasm'), { recursive: true });
  symlinkSync(WASM, path.join(dir, 'build/wasm/posenc.js'));
  symlinkSync(path.join(root, 'tests/wasm/pages'), path.join(dir, 'tests/wasm/pages'));
  return dir;
}

// A static server on 127.0.0.1 (port 0): correct MIME types, no caching, and the
// CSP header named by ?csp= on the document that asks for it.
function serve(dir) {
  const srv = http.createServer(staticHandler(dir, (url) => {
    const csp = url.searchParams.get('csp');
    return csp ? { 'cache-control': 'no-store', 'content-security-policy': CSP[csp] } : { 'cache-control': 'no-store' };
  }));
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(srv)));
}

before(async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: run \`npm run setup\` (installs Debian's chromium) or set POSENC_CHROMIUM`);
  assert.ok(existsSync(WASM), `${WASM} is missing: run \`npm run build:wasm\``);
  site = makeSite();
  server = await serve(site);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

/**
 * Opens `url` in a fresh context and waits for the page to publish window.__posenc.
 * Returns {outcome, shown (the JSON in <pre id="result">), problems (console errors,
 * page errors, CSP violations, in the page or its Worker), csp (the header received)}.
 */
async function visit(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  const onConsole = (where) => (m) => { if (m.type() === 'error') problems.push(`console error (${where}): ${m.text()}`); };
  page.on('console', onConsole('page'));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('worker', (w) => w.on('console', onConsole('worker')));
  // Installed before any page script runs, and outside the page's CSP.
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
    }, true);
  });
  try {
    const response = await page.goto(url);
    await page.waitForFunction(() => window.__posenc !== undefined, null, { timeout: 15000 });
    const outcome = await page.evaluate(() => window.__posenc);
    const shown = JSON.parse(await page.textContent('#result'));
    problems.push(...await page.evaluate(() => window.__violations));
    return { outcome, shown, problems, csp: response.headers()['content-security-policy'] };
  } finally {
    await context.close();
  }
}

function cli(...args) {
  const r = spawnSync(BIN, args.map(String), { encoding: 'utf8' });
  if (r.error) throw r.error;
  return r;
}

/** |a - b| <= tol elementwise, naming the first mismatch. */
function close(actual, expected, tol, what) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol, `${what}[${i}]: got ${actual[i]}, want ${expected[i]} (tol ${tol})`);
  }
}

// Causal ALiBi attention redone from q, k, v ([H][L][d], flat): slope m_h = 2^(-8(h+1)/H),
// logit(i, j) = q_i . k_j / sqrt(d) - m_h (i - j) for j <= i (Press et al.), softmax, weights @ v.
function alibiAttention(q, k, v, H, L, d) {
  const weights = [];
  const output = [];
  for (let h = 0; h < H; h++) {
    const m = 2 ** (-8 * (h + 1) / H);
    const at = (t, i, c) => t[(h * L + i) * d + c];
    for (let i = 0; i < L; i++) {
      const logits = [];
      for (let j = 0; j <= i; j++) {
        let dot = 0;
        for (let c = 0; c < d; c++) dot += at(q, i, c) * at(k, j, c);
        logits.push(dot / Math.sqrt(d) - m * (i - j));
      }
      const top = Math.max(...logits);
      const e = logits.map((x) => Math.exp(x - top));
      const sum = e.reduce((a, b) => a + b, 0);
      const w = [...e.map((x) => x / sum), ...new Array(L - 1 - i).fill(0)];
      weights.push(...w);
      for (let c = 0; c < d; c++) output.push(w.reduce((acc, wj, j) => acc + wj * at(v, j, c), 0));
    }
  }
  return { weights, output };
}

/** The probe's results, right by independent sources. `realm`: 'window' or 'worker'. */
function checkOutcome(outcome, realm) {
  assert.equal(outcome.ok, true, `the module failed: ${outcome.error}`);
  assert.equal(outcome.realm, realm);
  assert.equal(`posenc ${outcome.version}`, cli('--version').stdout.trim(), 'version as the CLI prints it');
  assert.deepEqual(outcome.commands, COMMANDS);

  // Sinusoidal, L = 8, D = 16: PE(p, 2i) = sin(p / 10000^(2i/D)), PE(p, 2i+1) = cos(same).
  const enc = outcome.encode;
  assert.equal(enc.layout, 'interleaved');
  assert.equal(enc.data.type, 'Float32Array');
  assert.deepEqual(enc.data.shape, [8, 16]);
  const L = 8;
  const D = 16;
  const want = [];
  for (let p = 0; p < L; p++) {
    for (let c = 0; c < D; c++) {
      const angle = p / 10000 ** ((2 * Math.floor(c / 2)) / D);
      want.push(c % 2 === 0 ? Math.sin(angle) : Math.cos(angle));
    }
  }
  close(enc.data.data, want, 1e-6, 'sinusoidal');

  // Attention: the CLI's numbers (1e-6), and the formula redone from the module's own q, k, v.
  const att = outcome.attention;
  const native = JSON.parse(cli('attention', '--scheme', 'alibi', '--length', 4, '--heads', 2, '--dim', 3,
    '--causal', '--weights', '--inputs').stdout);
  for (const key of ['output', 'weights', 'q', 'k', 'v']) {
    assert.equal(att[key].type, 'Float32Array', `${key}: typed array`);
    assert.deepEqual(att[key].shape, key === 'weights' ? [2, 4, 4] : [2, 4, 3], `${key}: shape`);
    close(att[key].data, native[key].flat(2), 1e-6, `attention.${key} vs CLI`);
  }
  const redone = alibiAttention(att.q.data, att.k.data, att.v.data, 2, 4, 3);
  close(att.weights.data, redone.weights, 1e-5, 'attention weights vs formula');
  close(att.output.data, redone.output, 1e-5, 'attention output vs formula');

  // The error: the CLI's stderr line, as a PosencError; then a valid call again.
  const bad = cli('encode', '--scheme', 'sinusoidal', '--length', 0, '--dim', 4);
  assert.equal(bad.status, 2);
  assert.deepEqual(outcome.error, {
    thrown: true,
    name: 'PosencError',
    isPosencError: true,
    message: bad.stderr.trim(),
    argument: 'length',
    got: '0',
    allowed: 'integer in [1, 1048576]'
  });
  close(outcome.after.data, [0, 1, 0, 1, Math.sin(1), Math.cos(1), Math.sin(0.01), Math.cos(0.01)], 1e-6, 'after the error');
}

/** A context passes: right numbers, shown on the page, and nothing reported. */
function passes(r, realm) {
  checkOutcome(r.outcome, realm);
  assert.deepEqual(r.shown, r.outcome, 'the page shows what it published');
  assert.deepEqual(r.problems, []);
}

test('a page served over http', async () => {
  const r = await visit(`${origin}/tests/wasm/pages/index.html`);
  assert.equal(r.csp, undefined);
  passes(r, 'window');
  assert.equal(r.outcome.sameInstance, true, 'load() resolves to one instance per page');
});

test('a page opened from file://', async () => {
  const r = await visit(pathToFileURL(path.join(site, 'tests/wasm/pages/index.html')).href);
  passes(r, 'window');
});

test(`a page under the CSP ${STRICT_CSP}`, async () => {
  const r = await visit(`${origin}/tests/wasm/pages/index.html?csp=strict`);
  assert.equal(r.csp, STRICT_CSP);
  passes(r, 'window');
});

test(`the same page under ${NO_WASM_CSP} (no 'wasm-unsafe-eval') fails to load the module`, async () => {
  const r = await visit(`${origin}/tests/wasm/pages/index.html?csp=no-wasm`);
  assert.equal(r.csp, NO_WASM_CSP);
  assert.equal(r.outcome.ok, false, 'the module must not load without wasm-unsafe-eval');
  assert.match(r.outcome.error, /^posenc: the WebAssembly module failed to load: /);
  assert.ok(r.problems.some((p) => /CSP violation: script-src blocked wasm-eval/.test(p)),
    `a script-src violation for wasm-eval; saw:\n${r.problems.join('\n')}`);
});

test('a Web Worker (importScripts) started by a page over http', async () => {
  const r = await visit(`${origin}/tests/wasm/pages/index.html?worker`);
  passes(r, 'worker');
});

test('a Worker made from posenc.workerSource() (a Blob URL), over http and from file://', async () => {
  passes(await visit(`${origin}/tests/wasm/pages/index.html?blobworker`), 'worker');
  passes(await visit(pathToFileURL(path.join(site, 'tests/wasm/pages/index.html')).href + '?blobworker'), 'worker');
});
