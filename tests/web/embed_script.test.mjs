// The script route in real Chromium: posenc-widgets.js (built by
// web/embed/bundle.mjs) on host pages (tests/web/pages/embed/) over http, from
// file:// and under the strict CSP of issue 6 (with a control page under a CSP
// without 'wasm-unsafe-eval' that must fail, so the CSP check can fail); two and
// ten widgets share one module instance (WebAssembly instantiations counted by an
// init script) and all draw; loading the bundle twice on a page that already has
// posenc.js throws nothing; attributes set after load redraw and fire `change`;
// bad attribute values (negative, huge, non-numeric, markup and script text) show
// in place as text, with no console error and no element injected; a host theme
// (custom properties and ::part) reaches inside the shadow root. Screenshots at
// 1280 and 375 px under build/screenshots/embed/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { prepare, serveEmbed, launch, openPage, pageUrl, drawnStates, frames } from './embed_support.mjs';
import { drawingOf } from './widget_support.mjs';
import { SCREENSHOTS } from './support.mjs';
import { widgetNames } from '../../web/embed/bundle.mjs';

const SHOTS = path.join(SCREENSHOTS, 'embed');
let site; // the folder prepare() made
let server;
let browser;
before(async () => {
  site = await prepare('script');
  [server, browser] = await Promise.all([serveEmbed(site), launch()]);
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => { await browser?.close(); await server?.close(); });

const NAMES = widgetNames();
const many = (names, extra = '') => `widgets=${names.join(',')}${extra ? `&${extra}` : ''}`;
const allReady = (states) => states.filter((s) => s.status !== 'ready' || !s.drawn);

test('over http: every widget of index.js is defined; two widgets draw and share one module instance', async () => {
  const page = await openPage(browser, pageUrl(server.origin, 'many.html', many(['rope-decay', 'sinusoidal-heatmap'])));
  const states = await drawnStates(page);
  assert.equal(states.length, 2);
  assert.deepEqual(allReady(states), []);
  assert.deepEqual(await page.evaluate((n) => n.filter((x) => !customElements.get(`posenc-${x}`)), NAMES), [], 'undefined elements');
  assert.equal(await page.evaluate(() => window.__instances), 1, 'WebAssembly instantiations');
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('ten different widgets on one page: one module instance, all drawn', async () => {
  const names = NAMES.slice(0, 10);
  assert.equal(names.length, 10, 'index.js registers at least ten widgets');
  const page = await openPage(browser, pageUrl(server.origin, 'many.html', many(names)), { height: 700 });
  // Lazy: the last widget, far below the fold, has not started before it is scrolled to.
  assert.equal(await page.evaluate(() => document.getElementById('w9').core), null, 'w9 started before it was seen');
  const states = await drawnStates(page, 30000);
  assert.equal(states.length, 10);
  assert.deepEqual(allReady(states), []);
  assert.equal(await page.evaluate(() => window.__instances), 1, 'WebAssembly instantiations');
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('from file://: widgets draw with nothing fetched but the page and the script', async () => {
  const page = await openPage(browser, pageUrl(site, 'many.html', many(['t5-buckets', 'rope-decay'])));
  assert.match(page.url(), /^file:/);
  assert.deepEqual(allReady(await drawnStates(page)), []);
  assert.equal(await page.evaluate(() => window.__instances), 1);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('under the strict CSP: drawn, no violation; without wasm-unsafe-eval the same page reports one (the check can fail)', async () => {
  const page = await openPage(browser, pageUrl(server.origin, 'many.html', many(['rope-decay', 'sinusoidal-heatmap'], 'csp=strict')));
  const headers = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
  assert.match(headers, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.deepEqual(allReady(await drawnStates(page)), []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(page.problems, []);
  await page.closeAll();

  const control = await openPage(browser, pageUrl(server.origin, 'many.html', many(['rope-decay'], 'csp=nowasm')));
  const [state] = await drawnStates(control);
  assert.equal(state.status, 'error');
  assert.match(state.message, /WebAssembly/);
  assert.ok((await control.evaluate(() => window.__csp)).length > 0, 'no violation reported without wasm-unsafe-eval');
  await control.closeAll();
});

test('the core already on the page and the bundle loaded twice: no error, one instance, both widgets drawn', async () => {
  const page = await openPage(browser, pageUrl(server.origin, 'twice.html'));
  assert.deepEqual(allReady(await drawnStates(page)), []);
  assert.equal(await page.evaluate(() => window.__instances), 1, 'WebAssembly instantiations');
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('attributes set after load redraw and fire `change` with the state', async () => {
  const sel = '#w0';
  const page = await openPage(browser, pageUrl(server.origin, 'many.html', many(['sinusoidal-heatmap'], 'set.length=16')));
  await drawnStates(page);
  assert.equal(await page.evaluate((s) => document.querySelector(s).state.length, sel), 16, 'markup attribute');
  const before = await drawingOf(page, sel);
  const events = page.evaluate((s) => new Promise((resolve) => {
    const got = [];
    document.querySelector(s).addEventListener('change', (e) => { got.push(e.detail); if (got.length === 2) resolve(got); });
  }), sel);
  await page.evaluate((s) => { const w = document.querySelector(s); w.setAttribute('length', '40'); w.setAttribute('layout', 'concat'); }, sel);
  const got = await events;
  assert.equal(got[0].length, 40);
  assert.deepEqual([got[1].length, got[1].layout, got[1].dim], [40, 'concat', 128]);
  await frames(page);
  assert.notEqual(await drawingOf(page, sel), before, 'no redraw');
  assert.equal(await page.evaluate((s) => document.querySelector(s).csvText().trim().split('\n').length, sel), 1 + 40, 'a row per position');
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('bad attribute values: a message in place as text, the last drawing kept, nothing injected, no console error', async () => {
  const sel = '#w0';
  const page = await openPage(browser, pageUrl(server.origin, 'many.html', many(['rope-decay'], 'set.dim=64')));
  await drawnStates(page);
  const drawn = await drawingOf(page, sel);
  const bad = [
    ['dim', '-4', 'dim: got "-4"; allowed: integer in [2, 512]'],
    ['dim', '1e9', 'dim: got "1e9"; allowed: integer in [2, 512]'],
    ['base', '99999999999', 'base: got "99999999999"; allowed: number in [2, 10000000]'],
    ['max-distance', 'many', 'max-distance: got "many"; allowed: integer in [1, 65536]'],
    ['axis', '<img src=x onerror="window.__pwned=1">', 'axis: got "<img src=x onerror="window.__pwned=1">"; allowed: one of linear, log'],
    ['dim', '<script>window.__pwned=2</script>', 'dim: got "<script>window.__pwned=2</script>"; allowed: integer in [2, 512]'],
  ];
  for (const [name, value, message] of bad) {
    const r = await page.evaluate(([s, n, v]) => {
      const w = document.querySelector(s);
      for (const a of w.getAttributeNames()) if (a !== 'id' && a !== 'data-k' && a !== 'dim') w.removeAttribute(a);
      w.setAttribute('dim', '64');
      w.setAttribute(n, v);
      const box = w.shadowRoot.querySelector('[role=alert]');
      return { text: box.textContent, children: box.childElementCount, status: w.dataset.status, visible: box.offsetHeight > 0 };
    }, [sel, name, value]);
    assert.equal(r.text, message);
    assert.deepEqual([r.children, r.status, r.visible], [0, 'error', true], `${name}=${value}`);
    await frames(page);
    assert.equal(await drawingOf(page, sel), drawn, `${name}=${value}: the drawing changed`);
  }
  const injected = await page.evaluate(() => {
    const all = [document, ...[...document.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
    return { img: all.reduce((n, r) => n + r.querySelectorAll('img').length, 0),
      script: all.reduce((n, r) => n + r.querySelectorAll('script:not([src])').length, 0), pwned: window.__pwned ?? null };
  });
  assert.deepEqual(injected, { img: 0, script: 0, pwned: null });
  // A good value clears the message and draws again.
  await page.evaluate((s) => { const w = document.querySelector(s); w.removeAttribute('axis'); w.setAttribute('dim', '32'); }, sel);
  await frames(page);
  assert.equal(await page.evaluate((s) => document.querySelector(s).dataset.status, sel), 'ready');
  assert.notEqual(await drawingOf(page, sel), drawn);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('a host theme: custom properties and ::part rules apply inside the shadow root and to the drawing', async () => {
  const page = await openPage(browser, pageUrl(server.origin, 'theme.html'));
  await drawnStates(page);
  // A canvas pixel (1, 1), read through a fresh canvas (repeated reads of the widget's own would warn).
  await page.evaluate(() => {
    window.__px = (c) => {
      const g = Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d');
      g.drawImage(c, -1, -1);
      return [...g.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    };
  });
  const got = await page.evaluate(() => {
    const w = document.getElementById('themed');
    const r = w.shadowRoot;
    const cs = (e) => getComputedStyle(e);
    const button = r.querySelector('[part~=button]');
    return {
      host: [cs(w).color, cs(w).backgroundColor, cs(w).fontSize, cs(w).fontFamily.split(',')[0]],
      range: cs(r.querySelector('input[type=range]')).accentColor,
      label: cs(r.querySelector('[part~=label]')).fontWeight,
      button: [cs(button).borderTopLeftRadius, cs(button).borderTopColor, cs(button).backgroundColor],
      svgBg: r.querySelector('svg rect').getAttribute('fill'),
      svgFont: r.querySelector('svg').getAttribute('font-family').split(',')[0],
      heatBg: window.__px(document.getElementById('heat').shadowRoot.querySelector('canvas')),
    };
  });
  assert.deepEqual(got.host, ['rgb(30, 20, 60)', 'rgb(255, 248, 230)', '17px', 'Georgia']);
  assert.equal(got.range, 'rgb(180, 0, 90)');
  assert.equal(got.label, '700');
  assert.deepEqual(got.button, ['0px', 'rgb(180, 0, 90)', 'rgb(250, 230, 240)']);
  assert.equal(got.svgBg, 'rgb(255, 248, 230)');
  assert.equal(got.svgFont, 'Georgia');
  assert.deepEqual(got.heatBg, [255, 248, 230]);
  // The error colour and the message part.
  const message = await page.evaluate(() => {
    const w = document.getElementById('themed');
    w.setAttribute('dim', '0');
    const m = getComputedStyle(w.shadowRoot.querySelector('[role=alert]'));
    return [m.color, m.fontStyle];
  });
  assert.deepEqual(message, ['rgb(150, 60, 0)', 'italic']);
  // A theme changed on a drawn widget reaches the canvas after refreshTheme().
  const repainted = await page.evaluate(() => {
    const w = document.getElementById('heat');
    w.style.setProperty('--posenc-bg', 'rgb(20, 30, 40)');
    w.refreshTheme();
    return window.__px(w.shadowRoot.querySelector('canvas'));
  });
  assert.deepEqual(repainted, [20, 30, 40]);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('screenshots: a host page with three widgets and the themed page, at 1280 and 375 px', async () => {
  for (const width of [1280, 375]) {
    for (const [name, url] of [['host', pageUrl(server.origin, 'many.html', many(['rope-decay', 't5-buckets', 'sinusoidal-heatmap']))],
      ['theme', pageUrl(server.origin, 'theme.html')]]) {
      const page = await openPage(browser, url, { width, height: 900 });
      assert.deepEqual(allReady(await drawnStates(page)), []);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `${name} at ${width} px: ${overflow} px wider than the viewport`);
      await page.evaluate(() => scrollTo(0, 0));
      await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
      await page.closeAll();
    }
  }
});
