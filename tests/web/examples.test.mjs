// The example course page (web/examples/, copied to dist/examples/) in real
// Chromium, served with the strict CSP a course host may set: its three widgets
// draw, no CSP violation (recorded by an init script, outside the page's CSP),
// no console error or failed request, and the course's theme (font and accent
// through --posenc-* properties, buttons through ::part) reaches inside the
// widgets' shadow DOM. Also the time to the first drawn widget, as a diagnostic.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIST, requireDist, launch, serve, open, widgetStates } from './support.mjs';
import { STRICT_CSP } from '../../web/site/embedding.mjs';

// Chromium, a server of dist/ that sends the strict CSP, and the course page opened once.
const env = {};
let page;
let problems;

before(async () => {
  requireDist();
  [env.browser, env.server] = await Promise.all([launch(), serve(DIST, { 'Content-Security-Policy': STRICT_CSP })]);
  ({ page, problems } = await open(env.browser, `${env.server.url}examples/index.html`));
});

// The page (and its context) first: closing it while the browser closes races.
after(async () => {
  await page?.close();
  await Promise.all([env.browser?.close(), env.server?.close()]);
});

test('served with the strict CSP, the three widgets draw with no violation and no console error', async (t) => {
  const response = await fetch(`${env.server.url}examples/index.html`);
  assert.equal(response.headers.get('content-security-policy'), STRICT_CSP);
  const states = await widgetStates(page, 30000);
  assert.deepEqual(states.map((s) => s.tag).sort(), ['posenc-alibi-bias', 'posenc-rope-decay', 'posenc-sinusoidal-heatmap']);
  assert.deepEqual(states.filter((s) => s.status !== 'ready' || !s.drawn), []);
  assert.deepEqual(problems.filter((p) => !p.startsWith('console warning')), []);
  t.diagnostic(`widgets: ${states.map((s) => s.tag).join(', ')}`);
});

test('no CSP violation from the first byte on (recorded by an init script)', async (t) => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI}`));
    window.__firstDrawn = new Promise((resolve) => document.addEventListener('posenc-render', () => resolve(performance.now()), { capture: true, once: true }));
  });
  const p = await context.newPage();
  const errors = [];
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    await p.goto(`${env.server.url}examples/index.html`);
    const firstDrawn = await p.evaluate(() => window.__firstDrawn);
    await widgetStates(p, 30000);
    assert.deepEqual(await p.evaluate(() => window.__violations), []);
    assert.deepEqual(errors, []);
    t.diagnostic(`first widget drawn ${firstDrawn.toFixed(0)} ms after navigation start (this machine, uncached)`);
  } finally {
    await context.close();
  }
});

test("the course's theme is applied inside the widgets", async () => {
  const theme = await page.evaluate(() => {
    const w = document.querySelector('posenc-rope-decay');
    const label = w.shadowRoot.querySelector('[part~="label"]');
    const button = w.shadowRoot.querySelector('[part~="button"]');
    const range = w.shadowRoot.querySelector('input[type=range]');
    return { font: getComputedStyle(label).fontFamily, weight: getComputedStyle(label).fontWeight,
      radius: getComputedStyle(button).borderTopLeftRadius, buttonColour: getComputedStyle(button).color,
      accent: getComputedStyle(range).accentColor, drawnAccent: w.theme().accent };
  });
  assert.match(theme.font, /^"?Lato"?,/, 'the course font (--posenc-font)');
  assert.equal(theme.accent, 'rgb(140, 29, 64)', 'the course accent #8c1d40 (--posenc-accent) on the sliders');
  assert.equal(theme.drawnAccent, '#8c1d40', 'the accent the plots draw with');
  assert.equal(theme.buttonColour, 'rgb(140, 29, 64)', '::part(button) colour');
  assert.equal(theme.radius, '999px', '::part(button) shape');
  assert.equal(theme.weight, '700', '::part(label) weight');
});
