// Helpers of the fuzz tests (fuzz_widgets, fuzz_embed): a seeded generator, the
// hostile values (numbers at and past every limit, unicode, markup, script URLs,
// CSS that tries to leave its declaration), an independent reference of what a
// widget parameter accepts, random values valid for a spec, and the in-page kit
// that looks for anything that became markup.
//
// The seed: POSENC_FUZZ_SEED (an integer in [0, 2^32 - 1]) or DEFAULT_SEED. It is
// in each test's name, so a failure is replayed with
//   POSENC_FUZZ_SEED=<seed> node --test tests/web/fuzz_widgets.test.mjs

/** The seed when POSENC_FUZZ_SEED is not set: fixed, so CI runs the same cases every time. */
export const DEFAULT_SEED = 20260109;

/** The seed from the environment, or DEFAULT_SEED; a malformed one throws, naming it. */
export function fuzzSeed(text = process.env.POSENC_FUZZ_SEED) {
  if (text === undefined || text === '') return DEFAULT_SEED;
  if (!/^\d{1,10}$/.test(text) || Number(text) > 0xffffffff) {
    throw new Error(`POSENC_FUZZ_SEED: got "${text}"; allowed: integer in [0, 4294967295]`);
  }
  return Number(text);
}

/** How many times the default number of cases to run: POSENC_FUZZ_SCALE (a number in (0, 100]), else 1. */
export function fuzzScale(text = process.env.POSENC_FUZZ_SCALE) {
  if (text === undefined || text === '') return 1;
  const v = Number(text);
  if (!/^[0-9.]+$/.test(text) || !(v > 0 && v <= 100)) throw new Error(`POSENC_FUZZ_SCALE: got "${text}"; allowed: number in (0, 100]`);
  return v;
}

/**
 * A seeded generator: Marsaglia's xorshift32 (x ^= x << 13; x ^= x >>> 17;
 * x ^= x << 5; "Xorshift RNGs", J. Stat. Softw. 8(14), 2003), the state started
 * from seed XOR 0x9E3779B9 (never 0, its fixed point). next() is uniform in
 * [0, 1); int(n) in [0, n); pick(list); chance(p).
 */
export function generator(seed) {
  let x = ((seed ^ 0x9e3779b9) >>> 0) || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

// Markup payloads carry the marker class/id "pwnmark" or set window.__pwned, so
// the kit finds them wherever they might have landed.
export const MARKUP = [
  '<script>window.__pwned=1</script>',
  '<img class="pwnmark" id="pwnmark" src=x onerror="window.__pwned=1">',
  '"><svg class=pwnmark onload=window.__pwned=1>',
  "'><b class=pwnmark>bold</b>",
  '</p><iframe class=pwnmark srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<style>:host{display:none}</style><b class=pwnmark>x</b>',
  '&lt;b class=pwnmark&gt;x&lt;/b&gt;',
  'javascript:window.__pwned=1',
  '{{7*7}}',
  '${7*7}',
];

/** CSS that tries to leave a custom property's value (for --posenc-* keys). */
export const CSS_HOSTILE = [
  'red;}</style><script>window.__pwned=1</script>',
  '}</style><img class=pwnmark src=x onerror=window.__pwned=1>',
  'url(javascript:window.__pwned=1)',
  'url(pwn.png)',
  'expression(window.__pwned=1)',
  'red; background: blue',
  '@import "pwn.css"',
  '"unclosed',
  'var(--posenc-fg)',
  'inherit',
];

/** The theming custom properties (web/widgets/README.md, "Theming") and the CSS property whose syntax each takes. */
export const THEME = { '--posenc-font': 'font-family', '--posenc-font-size': 'font-size', '--posenc-fg': 'color',
  '--posenc-bg': 'color', '--posenc-muted': 'color', '--posenc-accent': 'color', '--posenc-error': 'color' };

/** Theme values a host might set: CSS_HOSTILE, and valid ones down to the odd (a huge or zero font size). */
export const THEME_VALUES = [...CSS_HOSTILE, '#8a1c5c', 'rgb(0, 90, 0)', 'transparent', 'Georgia, serif', '18px', '0px', '1e308px'];

/** Values every parameter must survive: empty, limits, odd numerals, unicode, huge, markup. */
export const HOSTILE = [
  '', ' ', '\t\n ', '-1', '0', '-0', '+0', '00', 'NaN', 'nan', 'Infinity', '-Infinity', 'inf',
  '1e308', '-1e308', '1e309', '1e-320', '5e-324', '9007199254740993', '9007199254740992',
  '1e21', '99999999999999999999', '-99999999999999999999', '0x10', '0o17', '0b101', '017', '+12',
  '12px', ' 12 ', '1_000', '1,000', '1.', '.5', '1.5', '1e2', '1E+2', '٣', '１２', '\u200f12',
  '12\u200e', '\u202e21', '😀', '1\u0301', 'e\u0301\u0301\u0301', '\u0000', '12\u0000',
  String.fromCharCode(0xd800), `1${String.fromCharCode(0xdfff)}`, '\u00a012', 'true', 'false',
  'TRUE', 'null', 'undefined', '[object Object]', '__proto__', 'constructor', 'toString',
  'x'.repeat(100 * 1024), ...MARKUP, ...CSS_HOSTILE,
];

/** The extrapolation lab's schemes (web/widgets/README.md), for parameters of type 'list'. */
export const LAB_SCHEMES = ['none', 'learned', 'sinusoidal', 'rope', 'alibi', 't5', 'fire'];

/** An attribute's key in a widget's state: max-length -> maxLength (the JS API's name). */
export const stateKey = (name) => name.replace(/-(.)/g, (_, c) => c.toUpperCase());

/** The text without leading and trailing white space (what String.prototype.trim removes). */
export const trimmed = (text) => text.replace(/^\s+/, '').replace(/\s+$/, '');

/**
 * The reference of what a parameter accepts, written apart from params.js (the
 * widgets' parser) so the two can disagree: integers compared as BigInt (exact
 * at any size), decimals by the JSON-like grammar, enums and booleans by their
 * words, lists as distinct known names. Returns {ok: true, value} or {ok: false}.
 */
export function reference(spec, text) {
  const t = trimmed(text);
  const no = { ok: false };
  switch (spec.type) {
    case 'int': {
      if (!/^[+-]?[0-9]+$/.test(t)) return no;
      const big = BigInt(t);
      return big >= BigInt(spec.min) && big <= BigInt(spec.max) ? { ok: true, value: Number(big) } : no;
    }
    case 'number': {
      if (!/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(t)) return no;
      const v = Number(t);
      return Number.isFinite(v) && v >= spec.min && v <= spec.max ? { ok: true, value: v } : no;
    }
    case 'enum': return spec.options.includes(t) ? { ok: true, value: t } : no;
    case 'bool': return t === '' || t === 'true' ? { ok: true, value: true } : t === 'false' ? { ok: true, value: false } : no;
    case 'list': {
      if (text === '') return no;
      const names = text.split(',').map(trimmed);
      const known = names.every((n) => LAB_SCHEMES.includes(n)) && new Set(names).size === names.length;
      return known ? { ok: true, value: names.join(',') } : no;
    }
    default: throw new Error(`reference: unknown parameter type "${spec.type}"`);
  }
}

/** A random value the spec accepts, as attribute text (sometimes padded, signed or in exponent form). */
export function validText(r, spec) {
  const pad = (s) => (r.chance(0.15) ? ` ${s}\t` : s);
  switch (spec.type) {
    case 'int': {
      // Mostly small sizes (a redraw of each of 19 widgets per frame), the maximum now and then.
      const span = Math.min(spec.max - spec.min, 64);
      const v = r.chance(0.05) ? spec.max : r.pick([spec.min, spec.min + r.int(span + 1), spec.min + r.int(Math.min(span, 16) + 1)]);
      const sign = v < 0 ? '-' : r.chance(0.1) ? '+' : '';
      return pad(`${sign}${r.chance(0.05) ? '00' : ''}${Math.abs(v)}`);
    }
    case 'number': {
      const v = r.pick([spec.min, spec.max, spec.min + r.next() * (spec.max - spec.min)]);
      return pad(r.chance(0.2) ? v.toExponential() : String(v));
    }
    case 'enum': return pad(r.pick(spec.options));
    case 'bool': return r.pick(['', 'true', 'false', ' true ']);
    case 'list': {
      const names = LAB_SCHEMES.filter(() => r.chance(0.4));
      return (names.length ? names : ['rope']).join(r.pick([',', ', ']));
    }
    default: throw new Error(`validText: unknown parameter type "${spec.type}"`);
  }
}

/** A value just outside the spec (below min, above max, a fraction for an integer, a wrong word). */
export function edgeText(r, spec) {
  switch (spec.type) {
    case 'int': return r.pick([String(spec.min - 1), String(spec.max + 1), `${spec.min}.5`, `${spec.max}e0`, `${BigInt(spec.max) + 1n}`]);
    case 'number': return r.pick([String(spec.min - 1e-9 * Math.max(1, Math.abs(spec.min))), String(spec.max * 2 + 1), `${spec.max}e1`, '-0.0e-0']);
    case 'enum': return r.pick([spec.options[0].toUpperCase(), `${spec.options[0]}x`, spec.options.join(',')]);
    case 'bool': return r.pick(['True', 'yes', '1', 'on', 'checked']);
    case 'list': return r.pick(['rope,rope', 'rope,,alibi', 'ROPE', 'rope;alibi', ' , ']);
    default: throw new Error(`edgeText: unknown parameter type "${spec.type}"`);
  }
}

/** A value for a parameter: hostile (45%), valid (40%) or just outside the spec (15%). */
export function anyText(r, spec) {
  const u = r.next();
  if (u < 0.45) return r.pick(HOSTILE);
  if (u < 0.85) return validText(r, spec);
  return edgeText(r, spec);
}

/** A value for printing in a failure: JSON-escaped (control characters and lone surrogates visible), shortened. */
export function shown(text) {
  const s = JSON.stringify(text);
  return s.length > 120 ? `${s.slice(0, 100)}... (${text.length} chars)` : s;
}

/**
 * Runs in the page (page.evaluate / frame.evaluate): window.__kit with
 *   injected(): what became markup: window.__pwned set; a "pwnmark" element in the
 *     document or any open shadow root; a script, iframe, object, embed, frame,
 *     base, link or meta element, or an on* attribute, inside a shadow root;
 *   widget(el, layout = true): {status, message, inMessage (elements inside the
 *     message), renders (posenc-render events so far)}, and with layout (which
 *     forces one) shown (the message box has a size) and drawn (a canvas or svg of
 *     the figure with a size and content); from then on the widget is watched;
 *   negatives(): the SVG sizes below zero written into watched widgets since the
 *     last call (the browser refuses them with a console error);
 *   frame(): resolves at the next animation frame;
 * and window.__problems: errors and unhandled rejections seen by the page itself.
 */
export function installKit() {
  if (window.__kit) return;
  window.__problems = [];
  window.addEventListener('error', (e) => window.__problems.push(`error: ${e.message}`));
  window.addEventListener('unhandledrejection', (e) => window.__problems.push(`unhandled rejection: ${e.reason?.message ?? e.reason}`));
  const shadowRoots = () => {
    const found = [];
    const walk = (root) => {
      for (const e of root.querySelectorAll('*')) if (e.shadowRoot) { found.push(e.shadowRoot); walk(e.shadowRoot); }
    };
    walk(document);
    return found;
  };
  const sized = (e) => { const b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
  const renders = new WeakMap();
  // SVG sizes the browser refuses with a console error (negative width, height, r,
  // rx, ry or viewBox size), caught as they are written, even if redrawn at once.
  const negatives = [];
  const LENGTHS = ['width', 'height', 'r', 'rx', 'ry'];
  const offends = (e) => {
    if (!(e instanceof SVGElement)) return null;
    for (const a of LENGTHS) if (/^\s*-/.test(e.getAttribute(a) ?? '')) return `<${e.localName} ${a}="${e.getAttribute(a)}">`;
    const box = (e.getAttribute('viewBox') ?? '').trim().split(/[\s,]+/);
    return box.length === 4 && (Number(box[2]) < 0 || Number(box[3]) < 0) ? `<${e.localName} viewBox="${box.join(' ')}">` : null;
  };
  const watch = (el) => new MutationObserver((records) => {
    for (const rec of records) {
      const nodes = rec.type === 'attributes' ? [rec.target] : [...rec.addedNodes].flatMap((n) => (n.querySelectorAll ? [n, ...n.querySelectorAll('*')] : []));
      for (const n of nodes) {
        const bad = offends(n);
        if (bad) negatives.push(`${bad} in ${el.localName}${el.isConnected ? '' : ' (removed from the page)'}`);
      }
    }
  }).observe(el.shadowRoot, { subtree: true, childList: true, attributes: true, attributeFilter: [...LENGTHS, 'viewBox'] });
  window.__kit = {
    injected() {
      const found = [];
      if (window.__pwned !== undefined) found.push(`window.__pwned = ${window.__pwned}`);
      for (const e of document.querySelectorAll('.pwnmark, #pwnmark')) found.push(`<${e.localName} class=pwnmark> in the document`);
      for (const root of shadowRoots()) {
        const host = root.host.localName;
        for (const e of root.querySelectorAll('.pwnmark, #pwnmark')) found.push(`<${e.localName} class=pwnmark> in ${host}`);
        for (const e of root.querySelectorAll('script, iframe, object, embed, frame, base, link, meta')) found.push(`<${e.localName}> in ${host}`);
        for (const e of root.querySelectorAll('*')) {
          for (const a of e.getAttributeNames()) if (/^on/i.test(a)) found.push(`${a}= on <${e.localName}> in ${host}`);
        }
      }
      return found;
    },
    widget(el, layout = true) {
      if (!renders.has(el)) {
        renders.set(el, 0);
        el.addEventListener('posenc-render', () => renders.set(el, renders.get(el) + 1));
        watch(el);
      }
      const box = el.shadowRoot.querySelector('[role=alert]');
      const seen = { status: el.dataset.status, message: box.textContent, inMessage: box.childElementCount, renders: renders.get(el) };
      if (!layout) return seen;
      const figure = el.shadowRoot.querySelector('[part=figure]');
      seen.drawn = [...figure.querySelectorAll('canvas')].some((c) => c.width > 0 && c.height > 0 && sized(c)) ||
        [...figure.querySelectorAll('svg')].some((s) => s.childElementCount > 0 && sized(s));
      seen.shown = sized(box) && getComputedStyle(box).visibility !== 'hidden';
      return seen;
    },
    negatives: () => negatives.splice(0, negatives.length).slice(0, 3),
    frame: () => new Promise((resolve) => requestAnimationFrame(() => resolve())),
  };
}
