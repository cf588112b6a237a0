// The site's embedding page (dist/embedding.html, web/site/embedding.mjs) in
// real Chromium: it loads with no console error or failed request; every widget
// registered in the bundle has a section with a drawn preview, an attribute table
// that lists each of its parameters with an allowed range, and three snippets;
// changing a preview's control rewrites its snippets (as text); Copy puts the
// snippet on the clipboard; the theming part names match the live widgets';
// axe-core finds nothing serious (site.test.mjs adds 375 px, dark, and no
// sideways scrolling). Screenshot: build/screenshots/embedding-1280.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, DIST, requireDist, launch, serve, open, axe, screenshot, widgetStates } from './support.mjs';
import { widgetNames } from '../../web/embed/bundle.mjs';

let browser;
let server;
let page;
let problems;

before(async () => {
  requireDist();
  browser = await launch();
  server = await serve(DIST);
  const context = { width: 1280, height: 900 };
  ({ page, problems } = await open(browser, `${server.url}embedding.html`, context));
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
});

after(async () => {
  await page?.close();
  await browser?.close();
  await server?.close();
});

test('every widget has a section with a drawn preview, and the page loads without a problem', async () => {
  const sections = await page.$$eval('.embed-widget', (s) => s.map((e) => e.dataset.widget));
  assert.deepEqual(sections, widgetNames(), 'one section per widget registered in web/widgets/index.js, in its order');
  const states = await widgetStates(page, 30000);
  const undrawn = states.filter((s) => s.status !== 'ready' || !s.drawn).map((s) => `${s.tag}: ${s.status}${s.drawn ? '' : ', nothing drawn'}`);
  assert.deepEqual(undrawn, []);
  assert.equal(states.length, sections.length);
  assert.deepEqual(problems, []);
});

test('each attribute table lists every parameter of its widget class with an allowed range and a default', async () => {
  const mismatches = await page.evaluate(() => [...document.querySelectorAll('.embed-widget')].flatMap((s) => {
    const name = s.dataset.widget;
    const params = customElements.get(`posenc-${name}`).params;
    const rows = [...s.querySelectorAll('table.attributes tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    const bad = [];
    if (JSON.stringify(rows.map((r) => r[0])) !== JSON.stringify(Object.keys(params))) bad.push(`${name}: rows ${rows.map((r) => r[0])} vs params ${Object.keys(params)}`);
    for (const [attr, allowed, dflt] of rows) {
      const spec = params[attr];
      if (!spec) continue;
      const range = spec.type === 'int' || spec.type === 'number' ? `[${spec.min}, ${spec.max}]` : spec.type === 'enum' ? spec.options.join(', ') : '';
      if (!allowed.includes(range) || allowed.trim() === '') bad.push(`${name} ${attr}: allowed "${allowed}" lacks "${range}"`);
      if (dflt !== (spec.type === 'bool' ? String(spec.default) : String(spec.default))) bad.push(`${name} ${attr}: default "${dflt}" vs ${spec.default}`);
    }
    return bad;
  }));
  assert.deepEqual(mismatches, []);
});

test('changing a preview control rewrites its three snippets, as text', async () => {
  const snippet = (route) => page.textContent(`#snippet-rope-decay-${route}`);
  const before = await snippet('script');
  assert.match(before, /<script src="posenc-widgets\.js"><\/script>\n<posenc-rope-decay/);
  const base = page.locator('posenc-rope-decay').locator('input[type=number][data-param="base"]');
  await base.fill('500');
  await base.press('Enter');
  await page.waitForFunction(() => document.getElementById('snippet-rope-decay-script').textContent.includes('base="500"'));
  assert.match(await snippet('iframe'), /embed\.html#rope-decay\?[^"]*base=500/);
  assert.match(await snippet('notebook'), /posenc_widget\.show\("rope-decay", [^)]*base=500/);
  // A value that is markup stays text: the snippet escapes it and no element is made from it.
  await page.evaluate(() => document.querySelector('posenc-rope-decay').setAttribute('axis', '<img src=x onerror=alert(1)>'));
  const html = await page.evaluate(() => document.getElementById('snippet-rope-decay-script').innerHTML);
  assert.doesNotMatch(html, /<img/);
  assert.equal(await page.locator('.embed-widget img').count(), 0);
});

test('a Copy button puts its snippet on the clipboard and says so', async () => {
  const button = page.locator('button.copy[data-copy="snippet-alibi-bias-notebook"]');
  assert.equal((await button.textContent()).trim(), 'Copy the Jupyter notebook snippet of alibi-bias');
  await button.click();
  await page.waitForFunction(() => document.getElementById('copy-status').textContent.startsWith('Copied'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.textContent('#snippet-alibi-bias-notebook'));
  assert.match(copied, /^import posenc_widget\nposenc_widget\.show\("alibi-bias"/);
});

test('the theming section lists every ::part a live widget has', async () => {
  const listed = await page.evaluate(() => document.getElementById('theming').parentElement.textContent);
  const parts = await page.evaluate(() => [...new Set([...document.querySelectorAll('.embed-widget > figure > *')]
    .filter((w) => w.shadowRoot).flatMap((w) => [...w.shadowRoot.querySelectorAll('[part]')].flatMap((e) => e.getAttribute('part').split(/\s+/))))].sort());
  const missing = parts.filter((p) => !new RegExp(`\\b${p}\\b`).test(listed));
  assert.deepEqual(missing, [], `parts of the live widgets not named on the page (web/widgets/style.js's header lists them): ${missing}`);
  const props = [...readFileSync(path.join(ROOT, 'web/widgets/style.js'), 'utf8').matchAll(/var\((--posenc-[a-z-]+)/g)].map((m) => m[1]);
  for (const p of new Set(props)) assert.ok(listed.includes(p), `${p} is not in the theming table`);
});

test('no serious axe violation at 1280 px (tests/web/site.test.mjs checks every page at 375 px, dark, too)', async () => {
  assert.deepEqual(await axe(page), []);
  await screenshot(page, 'embedding-1280');
});
