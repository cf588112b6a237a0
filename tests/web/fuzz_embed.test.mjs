// Hostile addresses in real Chromium (issue 9): the iframe route and the site.
//
// 1. embed.html (built from web/embed/ by bundle.mjs) in <iframe
//    sandbox="allow-scripts"> on a host page of another origin, as a course page
//    embeds it; then 500 seeded random fragments set as the frame's
//    location.hash (each a hashchange, redrawn in place): valid and invalid widget
//    names, declared and unknown keys (`__proto__`, `constructor`, case variants,
//    `on*`), `--posenc-*` keys with CSS that tries to leave its value, duplicated
//    keys, broken percent-encoding, 100 KB values, plus FIXED fragments. After
//    each, against a model kept here (the address parsed by the browser's own
//    URLSearchParams, values judged by fuzz_support's reference()):
//      - an unknown widget: no widget, the notice names it and lists the valid ones;
//      - a known one: exactly that element; every declared key set to its last
//        value in the address (and nothing else set); the state exact; every
//        unknown key and every theme value CSS refuses reported in the notice,
//        as text; every bad value in the widget's own message, as text;
//      - every eighth fragment (and every new widget) also once redrawn: drawn,
//        ready when nothing is wrong;
//      - nothing became markup, no element inside the notice, no console error;
//      - at the end of each batch, the host's last posenc:resize message gives
//        the frame's current content height.
// 2. The site's chapters and embedding page with hostile query strings (values
//    for their widgets' URL state) and fragments: no console error, not blank,
//    each addressed widget shows its bad value as text, nothing injected.
// Replay: POSENC_FUZZ_SEED=<seed> node --test tests/web/fuzz_embed.test.mjs (POSENC_FUZZ_SCALE=10: ten times the cases)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { prepare, serveEmbed, launch, openPage, pageUrl } from './embed_support.mjs';
import { serve, open, requireDist, DIST } from './support.mjs';
import { fuzzSeed, fuzzScale, generator, reference, anyText, installKit, shown, stateKey, trimmed, HOSTILE, MARKUP, THEME, THEME_VALUES } from './fuzz_support.mjs';
import { widgetNames } from '../../web/embed/bundle.mjs';
import { iframeSnippet, resizeListenerSnippet } from '../../web/embed/snippets.mjs';

const SEED = fuzzSeed();
const CASES = Math.round(500 * fuzzScale());
const BATCH = 50; // fragments per frame.evaluate
const SETTLE_EVERY = 8; // every eighth fragment (and every new widget) waits for the widget's redraw
const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'onclick', 'onload', 'style',
  'DIM', 'Length', '--posenc-evil', '--posenc-fg ', ' dim', '', '?', '#', 'set.dim'];
const BROKEN = ['%E0%A4%A', '%', '%zz', '%00', '%C0%AF', '%ED%A0%80', '%%', '%2'];
// Fragments kept as fixed cases (run first, every seed); payloads that found bugs are among them.
const FIXED = ['', '#', '#?', '#??', '#&&&', '#<script>', '#%00', '#%E0%A4%A', '#rope-decay?%E0%A4%A=1',
  '#rope-decay?dim=%E0%A4%A', '#__proto__', '#constructor', '#rope-decay?__proto__=1&constructor=2&prototype=3',
  '#%72ope-decay', '#ROPE-DECAY', '#%20rope-decay%20?dim=8', '#rope-decay?dim=4&dim=%3Cscript%3E',
  `#rope-decay?dim=${'9'.repeat(100 * 1024)}`, `#${'a'.repeat(100 * 1024)}`,
  // These found theme values taken unchecked: CSS dropped the first (an earlier
  // value stayed), the others were set and then ignored where used; none reported.
  '#rope-decay?--posenc-fg=red%3B%7D%3C%2Fstyle%3E%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E',
  '#rope-decay?--posenc-bg=url(pwn.png)', '#rope-decay?--posenc-accent=expression(window.__pwned%3D1)',
  // A valid colour, then one CSS refuses: the second is reported, and the first does not stay.
  '#t5-buckets?--posenc-fg=rgb(200,0,0)', '#t5-buckets?--posenc-fg=rgb(200,0,0)&--posenc-fg=%7D',
  '#t5-buckets?onclick=window.__pwned%3D1&num-buckets=%3Cimg%20class%3Dpwnmark%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E'];

let embed; // the origin serving embed.html
let host; // the course page's origin
let browser;
before(async () => {
  const site = await prepare('fuzz-embed');
  [host, embed, browser] = await Promise.all([serveEmbed(site), serveEmbed(site), launch()]);
});
after(async () => { await browser?.close(); await host?.close(); await embed?.close(); });

/**
 * The address as the iframe route documents it (web/embed/README.md):
 * '#<widget>?<query>', the widget name percent-decoded (kept as written when
 * that fails) and trimmed; the query as URLSearchParams reads it.
 */
function addressed(hash) {
  const [head, ...rest] = hash.replace(/^#/, '').split('?');
  let name;
  try { name = decodeURIComponent(head); } catch { name = head; }
  return { name: trimmed(name), pairs: [...new URLSearchParams(rest.join('?'))] };
}

// One random fragment (written as a host page or a reader might type it).
function fragment(r, names, params, previous) {
  // Percent-encoded (a lone surrogate cannot be: left raw, the URL parser makes it U+FFFD), raw, or broken on purpose.
  const encoded = (text) => { try { return encodeURIComponent(text); } catch { return text; } };
  const enc = (text) => {
    const u = r.next();
    if (u < 0.7) return encoded(text);
    if (u < 0.9) return text;
    const at = r.int(text.length + 1);
    return `${encoded(text.slice(0, at))}${r.pick(BROKEN)}${encoded(text.slice(at))}`;
  };
  const u = r.next();
  // Mostly the widget of the previous fragment (updated in place), sometimes another one, a variant or garbage.
  const name = u < 0.7 && previous ? previous : u < 0.82 ? r.pick(names) : u < 0.9 ? r.pick([` ${r.pick(names)} `, r.pick(names).toUpperCase(), `${r.pick(names)}s`])
    : r.pick(HOSTILE).slice(0, 200);
  const spec = params[name] || {};
  const declared = Object.keys(spec);
  const pairs = [];
  for (let n = r.int(6); n > 0; n--) {
    const v = r.next();
    if (v < 0.6 && declared.length) {
      const key = r.pick(declared);
      pairs.push([key, anyText(r, spec[key])]);
    } else if (v < 0.75) {
      pairs.push([r.pick(Object.keys(THEME)), r.pick(THEME_VALUES)]);
    } else if (v < 0.9) {
      pairs.push([r.pick(ODD_KEYS), r.pick(HOSTILE).slice(0, 300)]);
    } else if (pairs.length) {
      pairs.push([pairs[r.int(pairs.length)][0], r.pick([...MARKUP, ...HOSTILE.slice(0, 20)])]);
    }
  }
  const query = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join(r.pick(['&', '&', '&&']));
  return `#${enc(name)}${pairs.length || r.chance(0.2) ? `?${query}` : ''}`;
}

// Runs in the frame: sets each fragment, waits for its hashchange (and every
// `settleEvery`-th time, or for a new widget, for its redraw), reports what shows.
async function runFragments({ hashes, settleEvery, start }) {
  const kit = window.__kit;
  const notice = document.getElementById('posenc-embed-message');
  const out = [];
  for (const [k, hash] of hashes.entries()) {
    const was = location.hash;
    const oldWidget = document.querySelector('#posenc-embed > *');
    const changed = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
    location.hash = hash;
    if (location.hash !== was) await changed;
    const el = document.querySelector('#posenc-embed > *');
    const settle = el && ((start + k) % settleEvery === 0 || el !== oldWidget);
    // Settled: the core is there (a new widget draws as soon as it has it) and no redraw is pending.
    if (settle) {
      for (let n = 0; n < 60 && (!el.core || el.frame); n++) await kit.frame();
    }
    // Layout is read only on settled fragments (forcing one per fragment doubled the time).
    const seen = { hash: location.hash, notice: notice.textContent, noticeShown: !notice.hidden && (!settle || notice.getBoundingClientRect().height > 0),
      noticeElements: notice.childElementCount, children: document.getElementById('posenc-embed').childElementCount,
      injected: kit.injected(), problems: window.__problems.splice(0), negative: [], settled: Boolean(settle), tag: el?.localName ?? null };
    if (el) {
      const v = kit.widget(el, Boolean(settle));
      const params = Object.keys(el.constructor.params);
      Object.assign(seen, {
        attrs: Object.fromEntries(el.getAttributeNames().map((n) => [n, el.getAttribute(n)])),
        quotes: Object.fromEntries(params.filter((n) => el.hasAttribute(n)).map((n) => [n, v.message.includes(`${n}: got "${el.getAttribute(n)}"`)])),
        theme: Object.fromEntries([...el.style].map((p) => [p, el.style.getPropertyValue(p)])),
        state: { ...el.state }, status: v.status, drawn: v.drawn, inMessage: v.inMessage, shownMessage: v.shown, everDrawn: el.data !== null,
        message: v.message.length > 400 ? `${v.message.slice(0, 400)}...` : v.message, pending: el.frame !== 0,
      });
    }
    seen.negative = kit.negatives();
    out.push(seen);
  }
  // Settled at the end, so the height is final and its resize message due.
  const last = document.querySelector('#posenc-embed > *');
  for (let n = 0; n < 60 && last && (!last.core || last.frame); n++) await kit.frame();
  await kit.frame();
  return { cases: out };
}

// The CSS a theme value must parse as (checked in the frame with CSS.supports).
const themeValid = (supports, key, value) => supports[`${key}\u0000${value}`];

// What is wrong after one fragment, as lines; `m` is the model of the widget shown before it.
function judge(seen, names, params, m, supports) {
  const wrong = [];
  const { name, pairs } = addressed(seen.hash);
  if (seen.injected.length) wrong.push(`injected ${seen.injected.join('; ')}`);
  if (seen.negative.length) wrong.push(`negative SVG sizes: ${seen.negative.join(' ')}`);
  if (seen.problems.length) wrong.push(seen.problems.join('; '));
  if (seen.noticeElements) wrong.push(`${seen.noticeElements} element(s) inside the notice`);
  if (!names.includes(name)) {
    if (seen.tag !== null || seen.children !== 0) wrong.push(`a widget (${seen.tag}) for the unknown name ${shown(name)}`);
    const head = name ? `Unknown widget "${name}"` : 'No widget named';
    if (!seen.notice.startsWith(head) || !seen.notice.includes(`Valid widgets: ${names.join(', ')}.`)) wrong.push(`notice ${shown(seen.notice)}`);
    if (!seen.noticeShown) wrong.push('notice not visible');
    return { wrong, model: null };
  }
  if (seen.tag !== `posenc-${name}` || seen.children !== 1) return { wrong: [...wrong, `shows ${seen.tag} (${seen.children} children) for ${name}`], model: null };
  const spec = params[name];
  const model = m && m.name === name ? { ...m, state: { ...m.state } } : { name, state: Object.fromEntries(Object.entries(spec).map(([n, s]) => [stateKey(n), s.default])) };
  const attrs = {};
  const theme = {};
  const unknown = [];
  const refused = [];
  for (const [key, value] of pairs) {
    if (Object.hasOwn(THEME, key)) {
      if (themeValid(supports, key, value)) theme[key] = value;
      else { delete theme[key]; refused.push([key, value]); }
    } else if (Object.hasOwn(spec, key)) {
      attrs[key] = value;
      const ref = reference(spec[key], value);
      if (ref.ok) model.state[stateKey(key)] = ref.value;
    } else {
      unknown.push(key);
    }
  }
  for (const key of Object.keys(spec)) if (!(key in attrs)) model.state[stateKey(key)] = spec[key].default;
  const declaredSeen = Object.fromEntries(Object.entries(seen.attrs).filter(([n]) => Object.hasOwn(spec, n)));
  if (JSON.stringify(declaredSeen, Object.keys(spec).sort()) !== JSON.stringify(attrs, Object.keys(spec).sort())) {
    wrong.push(`attributes ${shown(JSON.stringify(declaredSeen))}, expected ${shown(JSON.stringify(attrs))}`);
  }
  const extra = Object.keys(seen.attrs).filter((n) => !Object.hasOwn(spec, n) && n !== 'style' && n !== 'data-status');
  if (extra.length) wrong.push(`undeclared attributes set: ${extra.join(', ')}`);
  for (const [key, value] of Object.entries(model.state)) {
    if (seen.state[key] !== value) wrong.push(`state.${key} = ${shown(seen.state[key])}, expected ${shown(value)}`);
  }
  for (const key of Object.keys(THEME)) {
    const got = (seen.theme[key] ?? '').trim();
    const want = key in theme ? theme[key].trim() : '';
    if (got.replace(/\s+/g, '') !== want.replace(/\s+/g, '')) wrong.push(`${key} = ${shown(got)}, expected ${shown(want)}`);
  }
  for (const key of unknown) if (!seen.notice.includes(`${name}: unknown attribute "${key}"`)) wrong.push(`notice lacks the unknown key ${shown(key)}`);
  for (const [key, value] of refused) if (!seen.notice.includes(`${key}: got "${value}"`)) wrong.push(`notice lacks the refused ${key}=${shown(value)}`);
  if ((unknown.length + refused.length > 0) !== seen.noticeShown) wrong.push(`notice ${seen.noticeShown ? 'shown' : 'hidden'}: ${shown(seen.notice)}`);
  const bad = Object.entries(attrs).filter(([n, t]) => !reference(spec[n], t).ok).map(([n]) => n);
  for (const n of bad) if (!seen.quotes[n]) wrong.push(`the widget's message lacks ${n}: got "<value>"`);
  if (bad.length && seen.status !== 'error') wrong.push(`status ${seen.status} with bad ${bad.join(', ')}`);
  if (seen.inMessage) wrong.push(`${seen.inMessage} element(s) inside the widget's message`);
  if (seen.settled) {
    // Blank only when no drawing ever succeeded (a new widget whose first state the core refuses): then a message says why.
    if (!seen.drawn && (seen.everDrawn || seen.status !== 'error' || !seen.shownMessage)) wrong.push('figure blank');
    if (seen.pending) wrong.push('a redraw still pending');
    if (bad.length && !seen.shownMessage) wrong.push('message not visible');
    if (!bad.length && seen.status !== 'ready' && !/: got .*; allowed: /.test(seen.message)) wrong.push(`status ${seen.status}: ${shown(seen.message)}`);
  }
  return { wrong, model };
}

test(`the iframe route: ${CASES} hostile fragments (seed ${SEED}): a widget or a message as text, state exact, resize posted, nothing injected`, async () => {
  const names = widgetNames();
  const page = await openPage(browser, pageUrl(host.origin, 'frame-host.html'));
  await page.addScriptTag({ content: resizeListenerSnippet() });
  await page.evaluate((html) => {
    window.__sizes = [];
    window.addEventListener('message', (e) => { if (e.data?.type === 'posenc:resize') window.__sizes.push(e.data.height); });
    // Test-only: the snippet's own markup, parsed as the host's HTML would be.
    const t = document.createElement('template');
    t.innerHTML = html;
    document.getElementById('frames').append(t.content);
  }, iframeSnippet('rope-decay', {}, { page: `${embed.origin}/embed.html`, height: 150 }));
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForFunction(() => document.querySelector('posenc-rope-decay')?.dataset.status === 'ready', null, { timeout: 30000 });
  await frame.evaluate(installKit);
  const params = await frame.evaluate((list) => Object.fromEntries(list.map((n) => [n, customElements.get(`posenc-${n}`).params])), names);

  const r = generator(SEED);
  const hashes = [...FIXED];
  while (hashes.length < FIXED.length + CASES) {
    const previous = addressed(hashes.at(-1)).name;
    hashes.push(fragment(r, names, params, names.includes(previous) ? previous : null));
  }
  let model = null;
  let cases = 0;
  const failures = [];
  for (let start = 0; start < hashes.length && failures.length < 20; start += BATCH) {
    const batch = hashes.slice(start, start + BATCH);
    const { cases: seen } = await frame.evaluate(runFragments, { hashes: batch, settleEvery: SETTLE_EVERY, start });
    // Which theme values CSS accepts, asked in the frame: the browser's CSS parser is the judge.
    const asked = seen.flatMap((s) => addressed(s.hash).pairs).filter(([k]) => Object.hasOwn(THEME, k)).map(([k, v]) => [k, THEME[k], v]);
    const supports = await frame.evaluate((list) => Object.fromEntries(list.map(([k, prop, v]) => [`${k}\u0000${v}`, CSS.supports(prop, v)])), asked);
    seen.forEach((s, k) => {
      cases++;
      const verdict = judge(s, names, params, model, supports);
      model = verdict.model;
      for (const line of verdict.wrong) failures.push(`seed ${SEED}, fragment ${start + k} ${shown(batch[k])} (read ${shown(s.hash)}): ${line}`);
    });
    // The host has heard the frame's current height.
    const height = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    const heard = await page.waitForFunction((h) => window.__sizes.at(-1) === h, height, { timeout: 5000 }).then(() => true, () => false);
    if (!heard) failures.push(`seed ${SEED}, after fragment ${start + batch.length - 1}: last resize ${await page.evaluate(() => window.__sizes.at(-1))}, content ${height} px`);
    if (page.problems.length) failures.push(`seed ${SEED}, fragments ${start}-${start + batch.length - 1}: ${page.problems.splice(0).join('; ')}`);
  }
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failure(s)`);

  // Still alive: a last valid address draws.
  await frame.evaluate(() => { location.hash = '#t5-buckets?num-buckets=16'; });
  await frame.waitForFunction(() => {
    const w = document.querySelector('posenc-t5-buckets');
    return w && w.state.numBuckets === 16 && !w.frame && w.dataset.status === 'ready';
  }, null, { timeout: 10000 });
  assert.equal(await frame.evaluate(() => window.__kit.widget(document.querySelector('posenc-t5-buckets')).drawn), true);
  assert.deepEqual(page.problems, []);
  assert.equal(cases, FIXED.length + CASES);
  console.log(`fuzz_embed: seed ${SEED}, ${cases} fragments`);
  await page.closeAll();
});

// Found by the fuzzer: a widget replaced by another (a new address) after a
// change and before its scheduled redraw drew anyway, out of the page, at width 0
// (rope-rotation's circles came out with r = -56 and height -16: console errors).
// Here the same in one task, as a host page that removes a widget right after
// changing it does: the widget out of the page does not draw, and draws its
// current state when put back.
test('a widget removed before its scheduled redraw does not draw out of the page, and redraws when back', async () => {
  const page = await openPage(browser, `${embed.origin}/embed.html#rope-rotation`);
  await page.waitForFunction(() => document.querySelector('posenc-rope-rotation')?.dataset.status === 'ready', null, { timeout: 30000 });
  await page.evaluate(installKit);
  const seen = await page.evaluate(async () => {
    const kit = window.__kit;
    const rotation = document.querySelector('posenc-rope-rotation');
    const box = rotation.parentElement;
    const before = kit.widget(rotation).renders; // watched from now on
    rotation.setAttribute('shift', '3'); // schedules a redraw at the next frame
    rotation.remove(); // before that frame
    await kit.frame();
    await kit.frame();
    const away = { negatives: kit.negatives(), renders: kit.widget(rotation).renders - before };
    box.append(rotation);
    for (let n = 0; n < 10 && kit.widget(rotation).renders - before < 1; n++) await kit.frame();
    const w = kit.widget(rotation);
    return { away, back: { renders: w.renders - before, drawn: w.drawn, status: w.status, negatives: kit.negatives() } };
  });
  assert.deepEqual(seen, { away: { negatives: [], renders: 0 }, back: { renders: 1, drawn: true, status: 'ready', negatives: [] } });
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});
