// The site's pages (dist/: the chapters, the embedding page, the index) opened
// with hostile addresses, in real Chromium (issue 9): a query string that gives
// every widget's URL state (`?<widget id>.<attribute>=<value>`, read by base.js
// when the widget connects) a seeded random value from fuzz_support's HOSTILE
// list or a valid one, plus keys that are not widget state (`__proto__`,
// `constructor.dim`, markup), and a hostile fragment. On each page: no console
// error or warning, no page error, no failed request; the page is not blank (its
// text and its main column are there); every widget whose state the query
// addresses holds the reference value of a valid text, or shows the bad one in
// its message as text; nothing became markup.
// Replay: POSENC_FUZZ_SEED=<seed> node --test tests/web/fuzz_site.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { launch, serve, open, requireDist, DIST } from './support.mjs';
import { fuzzSeed, generator, reference, anyText, installKit, shown, stateKey, HOSTILE } from './fuzz_support.mjs';

const SEED = fuzzSeed();
const FRAGMENTS = ['#<img class=pwnmark src=x onerror=window.__pwned=1>', '#%E0%A4%A', '#javascript:window.__pwned=1',
  `#${'x'.repeat(100 * 1024)}`, '#"><svg class=pwnmark onload=window.__pwned=1>', '#%00', '#??&&'];
const JUNK = ['__proto__', 'constructor', 'prototype', 'constructor.dim', '__proto__.length', '<script>window.__pwned=1</script>', '.dim', 'rope-decay.', '&'];

let server;
let browser;
before(async () => {
  requireDist();
  [server, browser] = await Promise.all([serve(DIST), launch()]);
});
after(async () => { await browser?.close(); await server?.close(); });

test(`the site's pages with hostile query strings and fragments (seed ${SEED}): not blank, no console error, bad values shown as text`, async () => {
  const pages = readdirSync(DIST).filter((f) => f.endsWith('.html') && f !== 'embed.html').sort();
  assert.ok(pages.length >= 3, `pages in ${DIST}: ${pages.join(', ')}`);
  // Every widget's parameters, from the bundle that defines them all (embed.html with no widget named).
  const probe = await open(browser, `${server.url}embed.html`);
  const all = await probe.page.evaluate(() => {
    const names = document.getElementById('posenc-embed-message').textContent.match(/Valid widgets: (.*)\./)[1].split(', ');
    return Object.fromEntries(names.map((n) => [n, customElements.get(`posenc-${n}`).params]));
  });
  await probe.page.close();

  const r = generator(SEED);
  const failures = [];
  let checked = 0;
  for (const [k, file] of pages.entries()) {
    // The query: for every widget (and its second copy on a page, id "<name>-2"), one attribute with a random value.
    const q = new URLSearchParams();
    const given = {};
    for (const [name, spec] of Object.entries(all)) {
      for (const id of [name, `${name}-2`]) {
        const attr = r.pick(Object.keys(spec));
        // Short values: the whole address must stay under the server's 16 KB header limit.
        const text = (r.chance(0.7) ? r.pick(HOSTILE) : anyText(r, spec[attr])).slice(0, 200);
        q.append(`${id}.${attr}`, text);
        given[id] = { attr, text };
      }
    }
    for (const key of JUNK) q.append(key, r.pick(HOSTILE).slice(0, 200));
    // (URLSearchParams writes a lone surrogate as U+FFFD, as a browser sends it.)
    const url = `${server.url}${file}?${q}${FRAGMENTS[k % FRAGMENTS.length]}`;
    const { page, problems } = await open(browser, url);
    await page.evaluate(installKit);
    const seen = await page.evaluate(async () => {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const main = document.querySelector('main') || document.body;
      const widgets = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('posenc-') && e.widgetId).map((e) => ({
        id: e.widgetId(), tag: e.localName, state: { ...e.state }, status: e.dataset.status,
        message: e.shadowRoot.querySelector('[role=alert]').textContent,
        attrs: Object.fromEntries(Object.keys(e.constructor.params).filter((n) => e.hasAttribute(n)).map((n) => [n, e.getAttribute(n)])),
      }));
      return { text: main.innerText.length, height: main.getBoundingClientRect().height, widgets, injected: window.__kit.injected(),
        problems: window.__problems.splice(0), search: location.search };
    });
    const where = `seed ${SEED}, ${file}`;
    if (!seen.widgets.length && file !== 'index.html') failures.push(`${where}: no widget`);
    if (seen.text < 300 || seen.height < 300) failures.push(`${where}: blank (${seen.text} characters, ${seen.height} px)`);
    if (seen.injected.length) failures.push(`${where}: injected ${seen.injected.join('; ')}`);
    for (const w of seen.widgets) {
      const g = given[w.id];
      if (!g) continue;
      const spec = all[w.tag.replace(/^posenc-/, '')][g.attr];
      // What the page received (the browser's URL), not what was meant: read back from the widget's attribute.
      const text = w.attrs[g.attr];
      if (text === undefined) { failures.push(`${where}: ${w.id}.${g.attr} not read from the address`); continue; }
      checked++;
      const ref = reference(spec, text);
      if (ref.ok && w.state[stateKey(g.attr)] !== ref.value) failures.push(`${where}: ${w.id}.${g.attr}=${shown(text)} gave ${shown(w.state[stateKey(g.attr)])}`);
      if (!ref.ok && !w.message.includes(`${g.attr}: got "${text}"`)) failures.push(`${where}: ${w.id}.${g.attr}=${shown(text)}: message ${shown(w.message)}`);
    }
    const errors = [...problems, ...seen.problems];
    if (errors.length) failures.push(`${where}: ${errors.join('; ')}`);
    await page.close();
  }
  assert.deepEqual(failures, []);
  assert.ok(checked >= pages.length, `${checked} widgets addressed by the query on ${pages.length} pages`);
  console.log(`fuzz_site: seed ${SEED}, ${pages.length} pages, ${checked} widgets given a value by the address`);
});
