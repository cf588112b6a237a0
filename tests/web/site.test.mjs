// The built site (dist/, from `npm run build:site`; this test builds nothing) in
// real Chromium: every page over http with no console error or failed request,
// every widget drawn, no serious or critical axe-core violation (light at
// 1280 px, dark at 375 px), no sideways scrolling at 375 px, screenshots of every
// page at both widths under build/screenshots/; the landing page and a chapter
// from file:// with their widgets drawn; every internal link and asset resolves
// (anchors included); previous/next links chain all chapters in contents order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, DIST, requireDist, launch, serve, open, axe, screenshot, widgetStates } from './support.mjs';

let browser;
let server;
let pages; // every .html file of dist/
let chapters; // the chapter pages, in the landing page's contents order

const html = (page) => readFileSync(path.join(DIST, page), 'utf8');
// The values of attribute `name` on the tags of `text` (the builder writes them double-quoted).
const attributes = (text, name) => [...text.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1]
  .replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
// The href of the <a ... rel="rel"> link of a page, or null.
const relLink = (text, rel) => new RegExp(`<a [^>]*rel="${rel}" href="([^"]*)"`).exec(text)?.[1] ?? null;

before(async () => {
  requireDist();
  // embed.html is the iframe route (web/embed/, tests/web/embed_*.test.mjs): a frame's page, not a site page.
  pages = readdirSync(DIST).filter((f) => f.endsWith('.html') && f !== 'embed.html').sort();
  // The contents: each chapter's title link (the summaries under them may hold links too).
  chapters = [...html('index.html').matchAll(/<li><h3><a href="([^"]*)">/g)].map((m) => m[1]);
  browser = await launch();
  server = await serve(DIST);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The widgets of the page that did not render (status ready, a canvas or svg drawn in the shadow root), as lines. */
const undrawn = (states) => states.filter((s) => s.status !== 'ready' || !s.drawn)
  .map((s) => `widget ${s.tag}: status ${s.status}${s.drawn ? '' : ', nothing drawn'}`);
const axeLines = (violations) => violations.map((v) => `axe ${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 5).join(' | ')}`);

test('the landing page lists every chapter page, and every notebook has a page', () => {
  assert.ok(chapters.length > 0, 'dist/index.html lists no chapter (no notebooks built?)');
  assert.deepEqual([...chapters].sort(), pages.filter((p) => p !== 'index.html'), 'the contents and the pages of dist/ differ');
  const notebooks = path.join(ROOT, 'notebooks');
  if (DIST === path.join(ROOT, 'dist')) { // the project's own site: one page per notebook
    const names = readdirSync(notebooks).filter((f) => f.endsWith('.ipynb')).sort().map((f) => f.replace(/\.ipynb$/, '.html'));
    assert.deepEqual(chapters, [...names, 'embedding.html'], 'the chapters are not the notebooks in file order, then the embedding page (is dist/ stale? npm run build:site)');
  }
});

test('every page over http at 1280 px: no problem, every widget drawn, no serious axe violation', async (t) => {
  for (const name of pages) {
    await t.test(name, async () => {
      const { page, problems } = await open(browser, server.url + name, { width: 1280, height: 900 });
      try {
        const states = await widgetStates(page);
        await screenshot(page, `site-${name.replace(/\.html$/, '')}-1280`);
        // Every kind of failure is listed together, so one run shows all that is wrong.
        const failures = [...problems, ...undrawn(states), ...axeLines(await axe(page))];
        assert.deepEqual(failures, [], `${name} at 1280 px`);
      } finally {
        await page.close();
      }
    });
  }
});

test('every page at 375 px in the dark scheme: no sideways scroll, no problem, no serious axe violation', async (t) => {
  for (const name of pages) {
    await t.test(name, async () => {
      const { page, problems } = await open(browser, server.url + name, { width: 375, height: 800, colorScheme: 'dark' });
      try {
        const states = await widgetStates(page);
        await screenshot(page, `site-${name.replace(/\.html$/, '')}-375`);
        const failures = [...problems, ...undrawn(states), ...axeLines(await axe(page))];
        // Wide code, math and tables scroll inside their own boxes, never the page.
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        if (wide > 375) failures.push(`the page is ${wide} px wide at a 375 px viewport`);
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        if (background === 'rgb(255, 255, 255)') failures.push('the dark scheme left a white background');
        assert.deepEqual(failures, [], `${name} at 375 px, dark`);
      } finally {
        await page.close();
      }
    });
  }
});

test('from file://: the landing page and a chapter load with no problem and their widgets drawn', async () => {
  for (const name of ['index.html', chapters[0]]) {
    const url = pathToFileURL(path.join(DIST, name)).href;
    const { page, problems } = await open(browser, url);
    try {
      const states = await widgetStates(page);
      assert.deepEqual([...problems, ...undrawn(states)], [], url);
      assert.ok(name === 'index.html' || states.length > 0 || !html(name).includes('<posenc-'), `${url}: widgets in the HTML but none found in the page`);
    } finally {
      await page.close();
    }
  }
});

test('every internal link and asset resolves, anchors included; nothing is loaded from the network', () => {
  const ids = new Map(pages.map((p) => [p, new Set(attributes(html(p), 'id'))]));
  const broken = [];
  for (const p of pages) {
    const text = html(p);
    for (const src of attributes(text, 'src')) {
      if (/^data:/.test(src)) continue;
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src)) broken.push(`${p}: src ${src} is not local (the site must work offline)`);
      else if (!existsSync(path.join(DIST, src))) broken.push(`${p}: src ${src} does not exist`);
    }
    for (const href of attributes(text, 'href')) {
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) continue; // external links are the reader's choice
      if (href.startsWith('/')) { broken.push(`${p}: ${href} is absolute (breaks file://)`); continue; }
      const [file, anchor] = href.split('#');
      const target = file === '' ? p : path.posix.normalize(file);
      if (!existsSync(path.join(DIST, target))) broken.push(`${p}: link ${href}: ${target} does not exist`);
      else if (anchor !== undefined && target.endsWith('.html') && !ids.get(target)?.has(decodeURIComponent(anchor))) {
        broken.push(`${p}: link ${href}: no id "${anchor}" in ${target}`);
      }
    }
  }
  assert.deepEqual(broken, []);
});

test('previous/next links chain every chapter in contents order, both ways', () => {
  const forward = [];
  for (let at = chapters[0]; at && forward.length <= chapters.length; at = relLink(html(at), 'next')) forward.push(at);
  assert.deepEqual(forward, chapters, 'following "next" from the first chapter');
  const backward = [];
  for (let at = chapters.at(-1); at && backward.length <= chapters.length; at = relLink(html(at), 'prev')) backward.push(at);
  assert.deepEqual(backward, [...chapters].reverse(), 'following "previous" from the last chapter');
  for (const c of chapters) {
    assert.equal((html(c).match(/aria-current="page"/g) ?? []).length, 1, `${c}: the chapter list must mark exactly this page as current`);
    assert.match(html(c), new RegExp(`href="${c}" aria-current="page"`), `${c}: the current chapter is not marked`);
  }
});
