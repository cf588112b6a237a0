// The iframe route: embed.html#<widget>?<attribute>=<value>&... shows the one
// widget posenc-<widget> alone, full width. Built by bundle.mjs into
// posenc-embed.js, with POSENC_WIDGET_NAMES (the names index.js registers)
// filled in; runs after posenc-widgets.js.
//
// - Attributes come from the hash's query and are set with setAttribute only
//   (never as HTML); a name the widget does not declare is reported, not set. Keys
//   `--posenc-<name>` among THEME set that custom property on the widget
//   (style.setProperty: a CSS value, never markup), so a host can theme a frame;
//   a value that is not valid CSS for what the property sets is reported, not set.
// - An unknown widget or a malformed hash shows a message naming the valid widgets.
// - `hashchange` re-renders: the same widget gets its attributes updated in place
//   (so it redraws and fires `change`), another widget replaces it.
// - Height: on load and at every size change of the page's body (ResizeObserver),
//   it posts {type: 'posenc:resize', widget, height} to `parent` with targetOrigin
//   '*': the height of a public figure is not a secret, and in a sandboxed frame
//   the host's origin cannot be known. The host's listener (snippets.mjs,
//   resizeListenerSnippet) matches event.source to its frame.
/* global POSENC_WIDGET_NAMES */
const NAMES = POSENC_WIDGET_NAMES;
/**
 * The custom properties a hash may set (web/widgets/README.md, "Theming"), each
 * with the CSS property whose syntax its value must have: a custom property
 * takes almost any text, and a value that is no colour (or font) was silently
 * ignored where the widget uses it, so the value is checked with
 * CSS.supports(property, value) and, when refused, reported and not set.
 */
const SYNTAX = { '--posenc-font': 'font-family', '--posenc-font-size': 'font-size', '--posenc-fg': 'color',
  '--posenc-bg': 'color', '--posenc-muted': 'color', '--posenc-accent': 'color', '--posenc-error': 'color' };
const THEME = Object.keys(SYNTAX);

const box = document.getElementById('posenc-embed');
const notice = document.getElementById('posenc-embed-message');
let widget = null;
let lastHeight = -1;

/**
 * '#rope-decay?base=500&dim=64' -> {name: 'rope-decay', pairs: [['base', '500'], ['dim', '64']]}.
 * The name is everything before the first '?', percent-decoded.
 */
function parseHash(hash) {
  const text = hash.replace(/^#/, '');
  const q = text.indexOf('?');
  let name = q < 0 ? text : text.slice(0, q);
  try { name = decodeURIComponent(name); } catch { /* kept as written: reported as unknown */ }
  return { name: name.trim(), pairs: [...new URLSearchParams(q < 0 ? '' : text.slice(q + 1))] };
}

function say(lines) {
  notice.textContent = lines.join('\n');
  notice.hidden = lines.length === 0;
}

function render() {
  const { name, pairs } = parseHash(location.hash);
  const tag = `posenc-${name}`;
  if (!NAMES.includes(name) || !customElements.get(tag)) {
    widget?.remove();
    widget = null;
    say([`${name ? `Unknown widget "${name}"` : 'No widget named'} in the address (embed.html#<widget>?<attribute>=<value>&...).`,
      `Valid widgets: ${NAMES.join(', ')}.`]);
    post();
    return;
  }
  const declared = Object.keys(customElements.get(tag).params || {});
  const problems = [];
  if (!widget || widget.localName !== tag) {
    widget?.remove();
    widget = document.createElement(tag);
    box.append(widget);
  }
  const given = new Set();
  for (const [key, value] of pairs) {
    if (THEME.includes(key)) {
      if (CSS.supports(SYNTAX[key], value)) {
        widget.style.setProperty(key, value);
      } else {
        widget.style.removeProperty(key); // a value given earlier in the address does not stay
        problems.push(`${key}: got "${value}"; allowed: a CSS ${SYNTAX[key]} value`);
      }
    } else if (declared.includes(key)) {
      widget.setAttribute(key, value);
      given.add(key);
    } else {
      problems.push(`${name}: unknown attribute "${key}"; allowed: ${declared.join(', ')}, or ${THEME.join(', ')}.`);
    }
  }
  // An attribute dropped from the hash goes back to its default.
  for (const key of declared) if (!given.has(key) && widget.hasAttribute(key)) widget.removeAttribute(key);
  for (const key of THEME) if (!pairs.some(([k]) => k === key)) widget.style.removeProperty(key);
  say(problems);
}

// The content's height to the parent frame, when it changed.
function post() {
  if (window.parent === window) return;
  const height = Math.ceil(document.body.getBoundingClientRect().height);
  if (height === lastHeight) return;
  lastHeight = height;
  window.parent.postMessage({ type: 'posenc:resize', widget: widget ? widget.localName.replace(/^posenc-/, '') : null, height }, '*');
}

render();
window.addEventListener('hashchange', render);
if ('ResizeObserver' in window) new ResizeObserver(post).observe(document.body);
window.addEventListener('load', post);
post();
