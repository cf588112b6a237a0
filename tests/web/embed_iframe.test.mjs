// The iframe route in real Chromium: embed.html#<widget>?<attributes> (built by
// web/embed/bundle.mjs) inside <iframe sandbox="allow-scripts"> on a host page
// served from another origin (a second port), with the host's listener being
// exactly resizeListenerSnippet() (web/embed/snippets.mjs): the widget draws in an
// opaque-origin frame with no console error and no CSP violation; the frame's
// height follows the widget's (within a few px) on load and after a hash change
// that makes the widget taller; a hash change redraws in place; an unknown widget
// or attribute shows a message listing the valid names, as text. Screenshots at
// 1280 and 375 px under build/screenshots/embed/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { prepare, serveEmbed, launch, openPage, pageUrl } from './embed_support.mjs';
import { SCREENSHOTS } from './support.mjs';
import { widgetNames } from '../../web/embed/bundle.mjs';
import { resizeListenerSnippet, embedHash, iframeSnippet } from '../../web/embed/snippets.mjs';

const SHOTS = path.join(SCREENSHOTS, 'embed');
let host; // the course page's origin
let embed; // another origin serving embed.html
let browser;
before(async () => {
  const site = await prepare('iframe');
  [host, embed, browser] = await Promise.all([serveEmbed(site), serveEmbed(site), launch()]);
  assert.notEqual(host.origin, embed.origin);
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => { await browser?.close(); await host?.close(); await embed?.close(); });

// The host page with the listener snippet and one frame made from iframeSnippet()'s markup.
async function hostWith(widget, attrs, { width = 1280 } = {}) {
  const page = await openPage(browser, pageUrl(host.origin, 'frame-host.html'), { width });
  await page.addScriptTag({ content: resizeListenerSnippet() });
  const markup = iframeSnippet(widget, attrs, { page: `${embed.origin}/embed.html`, height: 150 });
  await page.evaluate((html) => {
    // Test-only: the snippet's own markup, parsed as the host's HTML would be.
    const t = document.createElement('template');
    t.innerHTML = html;
    document.getElementById('frames').append(t.content);
  }, markup);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForLoadState('load');
  return { page, frame };
}

// The widget's status in the frame once drawn, and the frame's height against its content's.
async function drawnIn(frame) {
  await frame.waitForFunction(() => {
    const w = document.querySelector('#posenc-embed > *');
    return w && (w.dataset.status === 'ready' || w.dataset.status === 'error');
  }, null, { timeout: 20000 });
  return frame.evaluate(() => {
    const w = document.querySelector('#posenc-embed > *');
    return { tag: w.localName, status: w.dataset.status, origin: self.origin, content: document.body.getBoundingClientRect().height,
      message: document.getElementById('posenc-embed-message').textContent, csp: window.__csp };
  });
}
// The frame's inner height (clientHeight: without its border), which the listener sets.
const frameHeight = (page) => page.evaluate(() => document.querySelector('iframe').clientHeight);
// Waits until the host has resized the frame to within 3 px of `content`; resolves to the frame's height.
async function resizedTo(page, content) {
  await page.waitForFunction((c) => Math.abs(document.querySelector('iframe').clientHeight - c) <= 3,
    content, { timeout: 10000 }).catch(() => {});
  return frameHeight(page);
}

test('a sandboxed frame from another origin: drawn, resized by the listener snippet, taller after a hash change', async () => {
  const { page, frame } = await hostWith('sinusoidal-heatmap', { length: 8, dim: 64 });
  assert.match(await page.evaluate(() => document.querySelector('iframe').getAttribute('sandbox')), /^allow-scripts$/);
  const first = await drawnIn(frame);
  assert.deepEqual([first.tag, first.status, first.origin, first.message, first.csp], ['posenc-sinusoidal-heatmap', 'ready', 'null', '', []]);
  assert.ok(first.content > 300, `content ${first.content} px`);
  let h = await resizedTo(page, first.content);
  assert.ok(Math.abs(h - first.content) <= 3, `frame ${h} px, content ${first.content} px`);

  // More positions: a taller heatmap; the host changes only the hash (no reload).
  await frame.evaluate(() => { window.__same = true; });
  await page.evaluate((src) => { document.querySelector('iframe').src = src; }, `${embed.origin}/embed.html#${embedHash('sinusoidal-heatmap', { length: 128, dim: 64 })}`);
  await frame.waitForFunction(() => document.querySelector('#posenc-embed > *').state.length === 128);
  await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const second = await drawnIn(frame);
  assert.equal(await frame.evaluate(() => window.__same), true, 'the hash change reloaded the frame');
  assert.ok(second.content > first.content + 50, `content ${first.content} -> ${second.content} px`);
  h = await resizedTo(page, second.content);
  assert.ok(Math.abs(h - second.content) <= 3, `frame ${h} px, content ${second.content} px`);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('the route: attributes from the hash as attributes, theme keys as custom properties, unknown names reported as text', async () => {
  const { page, frame } = await hostWith('rope-decay', { dim: 64, base: 500, '--posenc-accent': 'rgb(200, 0, 0)' });
  const drawn = await drawnIn(frame);
  assert.equal(drawn.status, 'ready');
  assert.deepEqual(await frame.evaluate(() => {
    const w = document.querySelector('posenc-rope-decay');
    return [w.state.dim, w.state.base, getComputedStyle(w.shadowRoot.querySelector('input[type=range]')).accentColor];
  }), [64, 500, 'rgb(200, 0, 0)']);

  const go = async (hash) => {
    await frame.evaluate((h) => { location.hash = h; }, hash);
    await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    return frame.evaluate(() => ({ message: document.getElementById('posenc-embed-message').textContent,
      widget: document.querySelector('#posenc-embed > *')?.localName ?? null,
      injected: document.querySelectorAll('img, #posenc-embed-message *').length + (window.__pwned ?? 0) }));
  };
  const names = widgetNames();
  const unknown = await go('#no-such-widget?dim=4');
  assert.equal(unknown.widget, null);
  assert.equal(unknown.message, `Unknown widget "no-such-widget" in the address (embed.html#<widget>?<attribute>=<value>&...).\nValid widgets: ${names.join(', ')}.`);
  const markup = await go(`#${encodeURIComponent('<img src=x onerror=window.__pwned=1>')}`);
  assert.match(markup.message, /^Unknown widget "<img src=x onerror=window.__pwned=1>"/);
  assert.equal(markup.injected, 0);
  const empty = await go('#');
  assert.match(empty.message, /^No widget named/);
  const attr = await go('#t5-buckets?onclick=alert(1)&num-buckets=16');
  assert.equal(attr.widget, 'posenc-t5-buckets');
  assert.match(attr.message, /^t5-buckets: unknown attribute "onclick"; allowed: num-buckets, max-distance, span, position, or --posenc-font/);
  assert.equal(await frame.evaluate(() => document.querySelector('posenc-t5-buckets').hasAttribute('onclick')), false);
  // A bad value reaches the widget's own message, as text.
  await go('#t5-buckets?num-buckets=%3Cscript%3Ex%3C%2Fscript%3E');
  const bad = await frame.evaluate(() => document.querySelector('posenc-t5-buckets').shadowRoot.querySelector('[role=alert]').textContent);
  assert.equal(bad, 'num-buckets: got "<script>x</script>"; allowed: integer in [4, 128]');
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('screenshots: a sandboxed iframe embed on a host page, at 1280 and 375 px', async () => {
  for (const width of [1280, 375]) {
    const { page, frame } = await hostWith('rope-decay', { dim: 64 }, { width });
    const drawn = await drawnIn(frame);
    await resizedTo(page, drawn.content);
    await page.screenshot({ path: path.join(SHOTS, `iframe-${width}.png`), fullPage: true });
    assert.deepEqual(page.problems, []);
    await page.closeAll();
  }
});
