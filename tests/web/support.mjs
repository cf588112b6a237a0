// Shared helpers of the Chromium tests of the site and its widgets (tests/web/)
// and of the browser benchmark (bench/site_bench.mjs): launching Chromium, a
// static server for dist/, a page that records every problem, axe-core, and
// screenshots under build/screenshots/.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { staticHandler } from '../../web/site/static.mjs';

export { MIME } from '../../web/site/static.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built site (npm run build:site); POSENC_DIST overrides it. */
export const DIST = path.resolve(ROOT, process.env.POSENC_DIST || 'dist');
export const SCREENSHOTS = path.join(ROOT, 'build/screenshots');
const CI_FULL_PAGE_MAX = 6000; // px: taller pages get a first-screen screenshot under CI
const CHROMIUM = process.env.POSENC_CHROMIUM || '/usr/bin/chromium';
// The flags that work headless, as root, with no network (../shared/notes/toolchain.md).
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Throws a message that says what to run when dist/ has not been built. */
export function requireDist() {
  if (!existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: run \`npm run build:site\` first (npm test does)`);
  }
}

/** Headless Chromium (Debian's, through playwright-core; never a downloaded browser). */
export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run \`npm run setup\` (installs Debian's chromium) or set POSENC_CHROMIUM`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Serves `dir` on 127.0.0.1 at a free port, uncached, with `headers` added to
 * every answer; resolves to {url, close()} (url ends in '/').
 */
export function serve(dir = DIST, headers = {}) {
  const server = http.createServer(staticHandler(dir, { 'Cache-Control': 'no-store', ...headers }));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${server.address().port}/`,
      close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(done); }),
    }));
  });
}

/**
 * Opens `url` in a fresh context of `browser` ({width, height, colorScheme,
 * reducedMotion}) and waits for the load event. `problems` collects, as lines,
 * console errors and warnings, uncaught page errors and failed requests
 * (network failures and HTTP status >= 400), from before the navigation on.
 */
export async function open(browser, url, { width = 1280, height = 900, colorScheme = 'light', reducedMotion } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, reducedMotion });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  const close = page.close.bind(page);
  page.close = async () => { await close(); await context.close(); }; // closing the page closes its context too
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems };
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource;

/**
 * Runs axe-core (injected from node_modules by path) on the page; resolves to the
 * serious and critical violations as [{id, impact, help, nodes: [selector...]}].
 */
export async function axe(page) {
  axeSource ??= readFileSync(AXE, 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/**
 * Writes a screenshot to build/screenshots/<name>.png (the whole page; under CI,
 * where no one looks at them, only the first screen of a page taller than
 * CI_FULL_PAGE_MAX px: a chapter 30,000-45,000 px tall takes 30 s to capture in
 * full); resolves to its path.
 */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // From the top, so sticky parts (the sidebar) sit where a reader first sees them.
  const height = await page.evaluate(() => {
    window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
    return document.documentElement.scrollHeight;
  });
  const fullPage = !process.env.CI || height <= CI_FULL_PAGE_MAX;
  await page.screenshot({ path: file, fullPage, timeout: 180000 });
  return file;
}

/**
 * Waits until every posenc-* element on the page has left "loading" (scrolling
 * each into view, since widgets start lazily); resolves to [{tag, status, drawn}]
 * where `drawn` says its shadow root holds a canvas with non-zero size or an svg
 * with children. An element whose tag no script defined is not waited for: its
 * status reads "undefined element".
 */
export async function widgetStates(page, timeout = 60000) {
  const tags = await page.evaluate(() => [...document.querySelectorAll('*')]
    .filter((e) => e.localName.startsWith('posenc-')).map((e, i) => { e.dataset.testIndex = i; return e.localName; }));
  for (let i = 0; i < tags.length; i++) {
    const el = await page.$(`[data-test-index="${i}"]`);
    await el.scrollIntoViewIfNeeded().catch(() => {});
    await page.waitForFunction((e) => !customElements.get(e.localName) || e.dataset.status === 'ready' || e.dataset.status === 'error',
      el, { timeout }).catch(() => {});
  }
  return page.evaluate(() => [...document.querySelectorAll('[data-test-index]')].map((e) => {
    const root = e.shadowRoot;
    const canvas = root ? [...root.querySelectorAll('canvas')].some((c) => c.width > 0 && c.height > 0) : false;
    const svg = root ? [...root.querySelectorAll('svg')].some((s) => s.childElementCount > 0) : false;
    const status = customElements.get(e.localName) ? e.dataset.status : 'undefined element';
    return { tag: e.localName, status, drawn: canvas || svg };
  }));
}
