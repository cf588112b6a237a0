// Helpers of the widget tests: the test bundles (esbuild, from web/widgets/index.js
// and the test-only probe widget) in build/web-test/, a static server of the
// repository root, Chromium through playwright-core (flags from
// ../shared/notes/toolchain.md), a page that records console errors, axe-core,
// screenshots under build/screenshots/widgets/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { staticHandler } from '../../web/site/static.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WASM = path.join(ROOT, 'build/wasm/posenc.js');
export const SHOTS = path.join(ROOT, 'build/screenshots/widgets');
const CHROMIUM = process.env.POSENC_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** Bundles the widgets as the site does (iife, es2020) plus the probe widget. */
export async function bundle() {
  const out = path.join(ROOT, 'build/web-test');
  const common = { bundle: true, format: 'iife', target: 'es2020', logLevel: 'error', sourcemap: 'inline' };
  await build({ ...common, entryPoints: [path.join(ROOT, 'web/widgets/index.js')], outfile: path.join(out, 'widgets.js') });
  await build({ ...common, entryPoints: [path.join(ROOT, 'tests/web/pages/probe.js')], outfile: path.join(out, 'probe.js') });
}

/** Serves the repository root on 127.0.0.1 (random port); resolves to {origin, close}. */
export function serve() {
  const srv = http.createServer(staticHandler(ROOT, { 'cache-control': 'no-store' }));
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () =>
    resolve({ origin: `http://127.0.0.1:${srv.address().port}`, close: () => srv.close() })));
}

/** Checks the prerequisites, bundles, serves and launches Chromium: {browser, origin, close}. */
export async function setup() {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: run \`npm run setup\``);
  assert.ok(existsSync(WASM), `${WASM} is missing: run \`npm run build:wasm\``);
  await bundle();
  const server = await serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  mkdirSync(SHOTS, { recursive: true });
  return { browser, origin: server.origin, close: async () => { await browser.close(); server.close(); } };
}

/** The development page's URL for a widget: over http (origin) or file:// (origin null). */
export function widgetUrl(origin, name, { set = {}, query = {}, spacer = false } = {}) {
  const q = new URLSearchParams({ widget: name });
  if (spacer) q.set('spacer', '1');
  for (const [k, v] of Object.entries(set)) q.set(`set.${k}`, String(v));
  for (const [k, v] of Object.entries(query)) q.set(k, String(v));
  const base = origin ? `${origin}/tests/web/pages/widgets.html` : pathToFileURL(path.join(ROOT, 'tests/web/pages/widgets.html')).href;
  return `${base}?${q}`;
}

/**
 * Opens a page in a fresh context; `page.problems` collects console errors, page
 * errors and failed requests. options: {width, height, colorScheme, reducedMotion}.
 */
export async function open(browser, url, { width = 1280, height = 900, colorScheme = 'light', reducedMotion = 'no-preference' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, reducedMotion, acceptDownloads: true });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') page.problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => page.problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) page.problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(url);
  page.closeAll = () => context.close();
  return page;
}

/** Waits until the widget (CSS selector) has drawn: status ready or error after a draw. */
export async function ready(page, selector) {
  await page.waitForFunction((s) => {
    const w = document.querySelector(s);
    return w && w.core && (w.dataset.status === 'ready' || w.dataset.status === 'error');
  }, selector, { timeout: 60000 }); // a hang guard, not a speed check: CI's second lane shares the cores
}

/** axe-core's serious and critical violations on the page (open shadow roots included). */
export async function axe(page) {
  await page.addScriptTag({ path: path.join(ROOT, 'node_modules/axe-core/axe.min.js') });
  const result = await page.evaluate(async () => (await window.axe.run(document)).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`));
  return result;
}

/** Counts the non-background pixels of the widget's canvases and SVGs (rasterized in the page). */
export function inkOf(page, selector) {
  return page.evaluate(async (s) => {
    const w = document.querySelector(s);
    const bg = w.theme().bgRgb;
    let ink = 0;
    for (const c of w.shadowRoot.querySelectorAll('.figure canvas')) {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let k = 0; k < d.length; k += 4) if (Math.abs(d[k] - bg[0]) + Math.abs(d[k + 1] - bg[1]) + Math.abs(d[k + 2] - bg[2]) > 30) ink++;
    }
    for (const svg of w.shadowRoot.querySelectorAll('.figure svg')) ink += svg.querySelectorAll('path[d]:not([d=""]), circle, rect').length > 2 ? 1000 : 0;
    return ink;
  }, selector);
}

/** A fingerprint of everything the widget drew (canvas pixels and SVG markup), to see a redraw change it. */
export function drawingOf(page, selector) {
  return page.evaluate((s) => {
    const w = document.querySelector(s);
    const text = [...w.shadowRoot.querySelectorAll('.figure canvas, .figure svg')]
      .map((e) => (e.tagName === 'CANVAS' ? e.toDataURL() : e.outerHTML)).join('|');
    // FNV-1a, so a failed comparison prints two short strings, not megabytes.
    let h = 0x811c9dc5;
    for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
    return `${text.length}:${(h >>> 0).toString(16)}`;
  }, selector);
}

/** Screenshots the widget's page at 1280 and 375 px under build/screenshots/widgets/<name>-<width>.png. */
export async function screenshots(browser, url, name, selector) {
  for (const width of [1280, 375]) {
    const page = await open(browser, url, { width, height: 900 });
    await ready(page, selector);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
    await page.closeAll();
  }
}

// ------------------------------------------------------------------ widget test helpers

/** |a - b| <= tol * max(1, |b|). */
export const near = (a, b, tol = 1e-6) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
/** The widget's CSV text (all rows). */
export const csvOf = (page, sel) => page.evaluate((s) => document.querySelector(s).csvText(), sel);
/** CSV text -> rows of cell strings, header dropped. */
export const rowsOf = (csv) => csv.trim().split('\n').slice(1).map((l) => l.split(','));
/** The text of the in-place message (role="alert"). */
export const messageOf = (page, sel) => page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('[role=alert]').textContent, sel);
/** The text of the figure's notes. */
export const noteOf = (page, sel) => page.evaluate((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('.figure .note')]
  .map((e) => e.textContent).join('\n'), sel);

/**
 * Calls the core inside the page: `fn(pe, arg)` is serialized and run there with
 * the page's own `posenc.load()`; typed arrays come back as plain arrays (NaN as null).
 */
export const callCore = (page, fn, arg) => page.evaluate(async ([src, a]) => {
  const pe = await posenc.load();
  const plain = (v) => (ArrayBuffer.isView(v) ? Array.from(v) : v && typeof v === 'object'
    ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) : v);
  return plain(new Function('pe', 'a', `return (${src})(pe, a)`)(pe, a)); // eslint-disable-line no-new-func
}, [fn.toString(), arg]);

/** Steps the slider of parameter `name` with the keyboard `times` times and waits for the redraw. */
export async function step(page, sel, name, key = 'ArrowRight', times = 1) {
  await page.locator(sel).locator(`input[type=range][data-param="${name}"]`).focus();
  for (let k = 0; k < times; k++) await page.keyboard.press(key);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * A widget's common checks: it draws (status ready, non-blank figure), no console
 * error, axe clean with the data table open; then screenshots at 1280 and 375 px.
 */
export async function basics(env, name, set = {}) {
  const sel = `posenc-${name}`;
  const page = await open(env.browser, widgetUrl(env.origin, name, { set }));
  await ready(page, sel);
  assert.equal(await page.evaluate((s) => document.querySelector(s).dataset.status, sel), 'ready', await messageOf(page, sel));
  assert.ok(await inkOf(page, sel) > 500, `${name}: blank figure`);
  await page.locator(sel).getByText('Data table').click();
  assert.deepEqual(await axe(page), [], `${name}: axe`);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
  await screenshots(env.browser, widgetUrl(env.origin, name, { set }), name, sel);
}
