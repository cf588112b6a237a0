// Hostile attribute values on every widget, in real Chromium (issue 9): one page
// (the script route, posenc-widgets.js built from web/widgets/ by
// web/embed/bundle.mjs) with all the widgets of index.js, and rounds of seeded
// random attribute changes: in each round every widget gets OPS changes, each
// checked at once for what attributeChangedCallback settles synchronously (state,
// message text, status), then the one redraw they scheduled (the next animation
// frame) and the full checks below. Values: HOSTILE of fuzz_support.mjs (empty, limits, NaN,
// Infinity, 1e308, huge integers, odd numerals, unicode, 100 KB, markup, script
// URLs, CSS), values valid for the parameter's spec (read from the element's
// class), values just outside it; names: the declared ones, their case variants,
// unknown ones and names the DOM refuses; and now and then a host theme value
// (--posenc-* on the element, hostile CSS among them, then refreshTheme()).
//
// Against a model kept here with fuzz_support's reference() (not params.js):
//   - state: every parameter holds the reference value of its last valid text
//     (nothing clamped, nothing dropped); a bad value leaves it unchanged;
//   - a bad attribute: status "error" and a visible message that contains
//     `<name>: got "<the value>"` as text; so does a host colour that is no CSS
//     colour (`--posenc-bg: got ...`); nothing bad: status "ready" and no
//     message, or (a combination the widget refuses, such as head > heads) a
//     message in the "<name>: got ...; allowed: ..." form;
//   - the figure is drawn (a canvas or svg with a size), a redraw happened,
//     nothing inside the message box is an element;
//   - nothing became markup (fuzz_support's installKit().injected), no console
//     error or warning, no page error, no unhandled rejection.
// Every few rounds a widget's attributes are all removed: it must recover (ready,
// no message). At the end every widget draws a last valid value.
// Replay: POSENC_FUZZ_SEED=<seed> node --test tests/web/fuzz_widgets.test.mjs
// (POSENC_FUZZ_SCALE=10 for ten times the cases, to look further by hand).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { prepare, serveEmbed, launch, openPage, pageUrl, drawnStates } from './embed_support.mjs';
import { fuzzSeed, fuzzScale, generator, reference, anyText, installKit, shown, stateKey, THEME, THEME_VALUES } from './fuzz_support.mjs';
import { widgetNames } from '../../web/embed/bundle.mjs';

const SEED = fuzzSeed();
const ROUNDS = Math.round(30 * fuzzScale());
const OPS = 5; // values per widget per round, each checked at once; then one redraw (30 x OPS x 19 widgets: 2,850 cases)
const BATCH = 10; // rounds per page.evaluate
const RESET_EVERY = 2; // rounds between a widget's recoveries (all its attributes removed as the round's last op)
const UNKNOWN = ['lenght', 'x-unknown', 'title', 'data-value', 'aria-label', 'slot', '__proto__', 'constructor', 'prototype', 'hasownproperty'];
// Names the DOM may refuse (setAttribute throws InvalidCharacterError; newer
// Chromium accepts some): either way the widget must not notice.
const ODD_NAMES = ['', '1dim', 'a b', '<img>', 'dim=4', '"', 'on click', 'dim\u0000'];
// A combination refused by the widget (`head: got ...`) or the core (`posenc conv: --kernel: got ...`).
const REFUSAL = /^(posenc [a-z0-9-]+: --)?[a-z][a-z0-9-]*: got .*; allowed: /;
// A host colour that is no CSS colour (base.js theme()).
const COLOUR_REFUSAL = /^--posenc-(fg|bg|muted|accent): got .*; allowed: a CSS color$/;
// Payloads that found bugs, kept as fixed cases (run first, every seed).
// [widget, [model => op, ...]] (an op as nextOp makes them, the model updated).
const theme = (name, text) => (m) => { m.unknown.add('style'); return { kind: 'theme', name, text, touches: false }; };
const FIXED = [
  // Found a host colour put unchecked into SVG fill: `url(pwn.png)` became a paint server, fetched (a 404 logged).
  ['rope-decay', [theme('--posenc-bg', 'url(pwn.png)')]],
  ['t5-buckets', [theme('--posenc-fg', 'url(javascript:window.__pwned=1)'), theme('--posenc-accent', 'expression(window.__pwned=1)')]],
];

let server;
let browser;
before(async () => {
  const site = await prepare('fuzz-widgets');
  [server, browser] = await Promise.all([serveEmbed(site), launch()]);
});
after(async () => { await browser?.close(); await server?.close(); });

// One widget's model: the attribute texts set (declared names, lower case) and the state they imply.
function model(params) {
  const defaults = Object.fromEntries(Object.entries(params).map(([n, s]) => [stateKey(n), s.default]));
  return { params, attrs: {}, unknown: new Set(), state: { ...defaults }, defaults };
}

// The next op of one widget (and the model updated as the widget should be).
function nextOp(r, m, reset) {
  const names = Object.keys(m.params);
  if (reset) {
    const op = { kind: 'reset', names: [...Object.keys(m.attrs), ...m.unknown], touches: Object.keys(m.attrs).length > 0 };
    m.attrs = {};
    m.unknown.clear();
    m.state = { ...m.defaults };
    return op;
  }
  const u = r.next();
  if (u < 0.04) {
    const name = r.pick(ODD_NAMES);
    m.unknown.add(name);
    return { kind: 'set', name, text: 'x', odd: true, touches: false };
  }
  if (u < 0.12) {
    const name = r.pick(UNKNOWN);
    m.unknown.add(name);
    return { kind: 'set', name, text: r.pick([anyText(r, { type: 'bool' }), '<b class=pwnmark>x</b>']), touches: false };
  }
  if (u < 0.16) {
    // A host's theme (a custom property on the element, then refreshTheme()): no attribute, no message.
    m.unknown.add('style');
    return { kind: 'theme', name: r.pick(Object.keys(THEME)), text: r.pick(THEME_VALUES), touches: false };
  }
  const name = r.pick(names);
  const spec = m.params[name];
  if (u < 0.21) {
    const touches = name in m.attrs;
    delete m.attrs[name];
    m.state[stateKey(name)] = spec.default;
    return { kind: 'remove', name, touches };
  }
  const text = anyText(r, spec);
  // HTML lower-cases attribute names: a case variant sets the declared attribute.
  const written = u < 0.29 ? name.toUpperCase() : name;
  m.attrs[name] = text;
  const ref = reference(spec, text);
  if (ref.ok) m.state[stateKey(name)] = ref.value;
  return { kind: 'set', name: written, text, touches: true };
}

// Runs in the page. Each round: every widget gets its ops one after the other,
// each checked at once for what attributeChangedCallback settles synchronously
// (state, the message's text, status); then the one redraw they scheduled (the
// next animation frame) and the full view of every widget.
async function runRounds({ ids, rounds }) {
  const kit = window.__kit;
  const els = ids.map((id) => document.getElementById(id));
  const quotes = (el) => Object.fromEntries(Object.keys(el.constructor.params).filter((n) => el.hasAttribute(n))
    .map((n) => [n, el.shadowRoot.querySelector('[role=alert]').textContent.includes(`${n}: got "${el.getAttribute(n)}"`)]));
  const out = [];
  for (const ops of rounds) {
    const before = els.map((el) => kit.widget(el, false).renders);
    const now = ops.map((list, k) => list.map((op) => {
      const el = els[k];
      let thrown = null;
      try {
        if (op.kind === 'set') el.setAttribute(op.name, op.text);
        else if (op.kind === 'remove') el.removeAttribute(op.name);
        else if (op.kind === 'theme') { el.style.setProperty(op.name, op.text); el.refreshTheme(); }
        else { for (const n of op.names) el.removeAttribute(n); el.refreshTheme(); }
      } catch (e) {
        thrown = e.name;
      }
      return { thrown, status: el.dataset.status, state: { ...el.state }, quotes: quotes(el) };
    }));
    await kit.frame();
    for (let n = 0; n < 5 && els.some((el) => el.frame); n++) await kit.frame();
    const views = els.map((el) => {
      const v = kit.widget(el);
      const message = v.message.length > 2000 ? `${v.message.slice(0, 2000)}...` : v.message;
      // The host colours the browser's CSS parser does not take as colours (after var() substitution).
      const cs = getComputedStyle(el);
      const colours = ['fg', 'bg', 'muted', 'accent'].filter((k) => {
        const value = cs.getPropertyValue(`--posenc-${k}`).trim();
        return value !== '' && !CSS.supports('color', value);
      }).map((k) => ({ k, quoted: v.message.includes(`--posenc-${k}: got "`) }));
      return { ...v, message, quotes: quotes(el), state: { ...el.state }, pending: el.frame !== 0, colours };
    });
    out.push({ now, before, views, injected: [...kit.injected(), ...kit.negatives().map((n) => `negative SVG size ${n}`)], problems: window.__problems.splice(0) });
  }
  return out;
}

// What is wrong right after one op (before the redraw), as lines.
function checkNow(m, op, seen) {
  const wrong = [];
  if (!op.odd && seen.thrown !== null) wrong.push(`setAttribute threw ${seen.thrown}`);
  for (const [key, value] of Object.entries(m.state)) {
    if (seen.state[key] !== value) wrong.push(`state.${key} = ${shown(seen.state[key])}, expected ${shown(value)}`);
  }
  const bad = badAttributes(m);
  if (bad.length && seen.status !== 'error') wrong.push(`status ${seen.status} with bad ${bad.join(', ')}`);
  for (const n of bad) if (!seen.quotes[n]) wrong.push(`the message lacks ${n}: got "<value>"`);
  return wrong;
}

// What is wrong with one widget once redrawn after its ops, as lines.
function checkDrawn(m, ops, seen, before) {
  const wrong = checkNow(m, {}, { ...seen, thrown: null });
  for (const { k, quoted } of seen.colours) if (!quoted) wrong.push(`the message lacks the colour --posenc-${k}`);
  if (seen.colours.length && seen.status !== 'error') wrong.push(`status ${seen.status} with bad colours ${seen.colours.map((c) => c.k).join(', ')}`);
  if (badAttributes(m).length || seen.colours.length) {
    if (!seen.shown) wrong.push('message not visible');
  } else if (seen.status !== 'ready') {
    if (seen.status !== 'error' || !seen.shown || !seen.message.split('\n').every((l) => REFUSAL.test(l) || COLOUR_REFUSAL.test(l))) {
      wrong.push(`status ${seen.status}, message ${shown(seen.message)} with no bad attribute`);
    }
  } else if (seen.message !== '' || seen.shown) {
    wrong.push(`status ready with message ${shown(seen.message)}`);
  }
  if (!seen.drawn) wrong.push('figure blank');
  if (seen.inMessage) wrong.push(`${seen.inMessage} element(s) inside the message`);
  if (seen.pending) wrong.push('a redraw still pending after 6 frames');
  if (ops.some((op) => op.touches) && seen.renders === before && seen.status !== 'error') wrong.push('no redraw');
  return wrong;
}

const badAttributes = (m) => Object.entries(m.attrs).filter(([n, t]) => !reference(m.params[n], t).ok).map(([n]) => n);
const described = (op) => `${op.kind} ${op.name ?? (op.names ?? []).join(',')}=${shown(op.text ?? '')}`;

test(`every widget, ${ROUNDS * OPS} hostile and valid attribute values each (seed ${SEED}): messages as text, state exact, nothing injected`, async () => {
  const names = widgetNames();
  const page = await openPage(browser, pageUrl(server.origin, 'many.html', `widgets=${names.join(',')}`), { height: 800 });
  const first = await drawnStates(page, 30000);
  assert.deepEqual(first.filter((s) => s.status !== 'ready' || !s.drawn), [], 'not drawn before the fuzzing');
  await page.evaluate(installKit);
  const ids = names.map((_, k) => `w${k}`);
  const params = await page.evaluate((list) => list.map((id) => document.getElementById(id).constructor.params), ids);
  const models = params.map(model);
  const r = generator(SEED);

  // rounds[round][widget] = its ops; after[round][widget][op] = its model after that op.
  const rounds = [];
  const after = [];
  const copy = (m) => ({ ...m, attrs: { ...m.attrs }, state: { ...m.state } });
  const plan = (make) => {
    const ops = models.map((m, k) => make(m, k));
    rounds.push(ops.map((list) => list.map((o) => o.op)));
    after.push(ops.map((list) => list.map((o) => o.model)));
  };
  const step = (m, op) => ({ op, model: copy(m) });
  for (const [name, fixed] of FIXED) plan((m, j) => (names[j] === name ? fixed.map((f) => step(m, f(m))) : []));
  for (let round = 0; round < ROUNDS; round++) {
    plan((m, k) => Array.from({ length: OPS }, (_, n) => step(m, nextOp(r, m, n === OPS - 1 && (round + k) % RESET_EVERY === 0))));
  }

  let cases = 0;
  let refusedCombinations = 0;
  const failures = [];
  for (let start = 0; start < rounds.length && failures.length < 20; start += BATCH) {
    const batch = rounds.slice(start, start + BATCH);
    const results = await page.evaluate(runRounds, { ids, rounds: batch });
    results.forEach((res, b) => {
      const round = start + b;
      const where = `seed ${SEED}, round ${round}`;
      if (res.injected.length) failures.push(`${where}: injected ${res.injected.join('; ')}`);
      if (res.problems.length) failures.push(`${where}: ${res.problems.join('; ')}`);
      batch[b].forEach((ops, k) => {
        const models = after[round][k];
        ops.forEach((op, n) => {
          cases++;
          for (const line of checkNow(models[n], op, res.now[k][n])) failures.push(`${where}, ${names[k]}, ${described(op)}: ${line}`);
        });
        if (!ops.length) return;
        const m = models.at(-1);
        const seen = res.views[k];
        if (seen.status === 'error' && !badAttributes(m).length && !seen.colours.length) refusedCombinations++;
        for (const line of checkDrawn(m, ops, seen, res.before[k])) failures.push(`${where}, ${names[k]}, after ${described(ops.at(-1))}: ${line}`);
      });
    });
    if (page.problems.length) failures.push(`seed ${SEED}, rounds ${start}-${start + batch.length - 1}: ${page.problems.splice(0).join('; ')}`);
  }
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failure(s)`);

  // The end: every attribute removed, then the first parameter set to its default: each widget redraws, ready, no message.
  const last = params.map((p) => {
    const [name, spec] = Object.entries(p)[0];
    return { name, text: String(spec.default) };
  });
  const ends = await page.evaluate(async ({ ids: list, last: values }) => {
    const kit = window.__kit;
    const els = list.map((id) => document.getElementById(id));
    els.forEach((el) => { for (const n of el.getAttributeNames()) if (n !== 'id' && n !== 'data-k') el.removeAttribute(n); });
    const before = els.map((el) => kit.widget(el).renders);
    els.forEach((el, k) => el.setAttribute(values[k].name, values[k].text));
    for (let n = 0; n < 6 && (n < 1 || els.some((el) => el.frame)); n++) await kit.frame();
    return els.map((el, k) => ({ ...kit.widget(el), before: before[k] }));
  }, { ids, last });
  assert.deepEqual(ends.map((e, k) => (e.status === 'ready' && e.message === '' && e.drawn && e.renders > e.before ? null : `${names[k]}: ${JSON.stringify(e)}`)).filter(Boolean), []);
  assert.deepEqual(page.problems, []);
  assert.ok(cases >= names.length * ROUNDS * OPS, `${cases} cases`);
  console.log(`fuzz_widgets: seed ${SEED}, ${cases} cases, ${refusedCombinations} redraws refused as a combination (head > heads, odd d, ...)`);
  await page.closeAll();
});
