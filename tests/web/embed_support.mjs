// Helpers of the embedding tests (embed_script, embed_iframe) and of
// bench/embed_bench.mjs: the embed files built by web/embed/bundle.mjs into
// build/embed-test/ with the test pages (tests/web/pages/embed/) beside them in
// pages/ and the core as posenc.js; a server of that folder whose answers carry
// the strict CSP when the URL asks (?csp=strict); a page whose init script counts
// WebAssembly instantiations and records CSP violations.
import { copyFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, launch } from './support.mjs';
import { staticHandler } from '../../web/site/static.mjs';
import { writeEmbedFiles, CORE } from '../../web/embed/bundle.mjs';

export { launch };
/** The parent of the test sites: one folder per test file (they run in parallel). */
export const DIR = path.join(ROOT, 'build/embed-test');
/** The CSP of issue 6 (a course page on an LMS). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'";

/**
 * Builds the embed files and copies the test pages into DIR/<name>/:
 * posenc-widgets.js, embed.html, posenc-embed.js, posenc.js (the core), pages/.
 * Resolves to that folder.
 */
export async function prepare(name) {
  const dir = path.join(DIR, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await writeEmbedFiles(dir);
  copyFileSync(CORE, path.join(dir, 'posenc.js'));
  cpSync(path.join(ROOT, 'tests/web/pages/embed'), path.join(dir, 'pages'), { recursive: true });
  return dir;
}

/** The same without 'wasm-unsafe-eval': the control that must fail. */
const CSP = { strict: STRICT_CSP, nowasm: STRICT_CSP.replace(" 'wasm-unsafe-eval'", '') };

/**
 * Serves `dir` on 127.0.0.1 (free port), uncached; ?csp=strict adds STRICT_CSP,
 * ?csp=nowasm the same without 'wasm-unsafe-eval'. Resolves to {origin, close}.
 */
export function serveEmbed(dir) {
  const srv = http.createServer(staticHandler(dir, (url) => {
    const csp = CSP[url.searchParams.get('csp')];
    return { 'cache-control': 'no-store', ...(csp ? { 'content-security-policy': csp } : {}) };
  }));
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve({
    origin: `http://127.0.0.1:${srv.address().port}`,
    close: () => new Promise((done) => { srv.closeAllConnections?.(); srv.close(done); }),
  })));
}

/** A test page's URL: over http (`base` an origin) or from file:// (`base` the folder prepare() made). */
export const pageUrl = (base, name, query = '') =>
  (/^https?:/.test(base) ? `${base}/pages/${name}` : pathToFileURL(path.join(base, 'pages', name)).href) + (query ? `?${query}` : '');

// Before any script: count module instantiations and keep CSP violations.
function instrument() {
  window.__instances = 0;
  window.__csp = [];
  const W = WebAssembly;
  for (const k of ['instantiate', 'instantiateStreaming']) {
    const f = W[k];
    if (f) W[k] = function (...a) { window.__instances++; return f.apply(this, a); };
  }
  const Instance = W.Instance;
  W.Instance = function (...a) { window.__instances++; return new Instance(...a); };
  W.Instance.prototype = Instance.prototype;
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective}: ${e.blockedURI}`));
}

/**
 * Opens `url` in a fresh context with the instrumentation; `page.problems` holds
 * console errors and warnings, page errors, failed requests and HTTP errors.
 */
export async function openPage(browser, url, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: 'light', reducedMotion: 'reduce' });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  // The browser's own favicon request is no page's doing (and is made once per browser).
  const own = (url) => !url.endsWith('/favicon.ico');
  page.on('console', (m) => { if ((m.type() === 'error' || m.type() === 'warning') && own(m.location()?.url || ''))
    page.problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('requestfailed', (r) => { if (own(r.url())) page.problems.push(`request failed: ${r.url()}`); });
  page.on('response', (r) => { if (r.status() >= 400 && own(r.url())) page.problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.closeAll = () => context.close();
  await page.goto(url);
  return page;
}

/**
 * Scrolls each posenc-* element into view (they start lazily) and waits until it
 * has drawn or failed; resolves to [{id, tag, status, drawn, message}], drawn =
 * a canvas with pixels or an svg with children in its shadow root.
 */
export async function drawnStates(page, timeout = 20000) {
  const ids = await page.evaluate(() => [...document.querySelectorAll('main *')].filter((e) => e.localName.startsWith('posenc-'))
    .map((e, k) => { e.dataset.k = k; return k; }));
  for (const k of ids) {
    const el = page.locator(`[data-k="${k}"]`);
    await el.scrollIntoViewIfNeeded();
    await page.waitForFunction((e) => e.dataset.status === 'ready' || e.dataset.status === 'error',
      await el.elementHandle(), { timeout });
  }
  return page.evaluate(() => [...document.querySelectorAll('[data-k]')].map((e) => ({
    id: e.id, tag: e.localName, status: e.dataset.status,
    drawn: [...e.shadowRoot.querySelectorAll('canvas')].some((c) => c.width > 0 && c.height > 0) ||
      [...e.shadowRoot.querySelectorAll('svg')].some((s) => s.childElementCount > 0),
    message: e.shadowRoot.querySelector('[role=alert]').textContent,
  })));
}

/** Two animation frames: a scheduled redraw has run. */
export const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
