// The copy-paste snippets of the two embedding routes, as text: the same text
// web/embed/README.md shows, the site's embedding page shows (web/site imports
// these), and the tests run. No Node or DOM API: usable in Node and in a page.
//
//   scriptSnippet('rope-decay', {base: 500, dim: 64})
//     <script src="posenc-widgets.js"></script>
//     <posenc-rope-decay base="500" dim="64"></posenc-rope-decay>
//   iframeSnippet('rope-decay', {base: 500, dim: 64})
//     <iframe src="embed.html#rope-decay?base=500&amp;dim=64" ...></iframe>
//   resizeListenerSnippet()   the host's script that sizes such frames

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

// Checks a widget name and an attribute object; throws naming the argument, the value and what is allowed.
function check(fn, widget, attrs) {
  if (typeof widget !== 'string' || !NAME.test(widget)) {
    throw new Error(`${fn}: widget: got ${JSON.stringify(widget)}; allowed: a widget name such as "rope-decay" (lowercase letters, digits and hyphens)`);
  }
  if (attrs === null || typeof attrs !== 'object' || Array.isArray(attrs)) {
    throw new Error(`${fn}: attrs: got ${JSON.stringify(attrs)}; allowed: an object of attribute names to values, e.g. {dim: 64}`);
  }
  const pairs = Object.entries(attrs).filter(([, v]) => v !== undefined && v !== null);
  for (const [k, v] of pairs) {
    if (!NAME.test(k) && !/^--posenc-[a-z-]+$/.test(k)) {
      throw new Error(`${fn}: attrs: name ${JSON.stringify(k)}; allowed: an attribute name (lowercase letters, digits and hyphens)`);
    }
    if (!['string', 'number', 'boolean'].includes(typeof v)) {
      throw new Error(`${fn}: attrs.${k}: got ${typeof v}; allowed: a string, number or boolean`);
    }
  }
  return pairs.map(([k, v]) => [k, String(v)]);
}

// Text for an HTML attribute value in double quotes (and for element text).
const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The script route: one <script> (once per page) and the element with its
 * attributes, e.g. `<posenc-rope-decay base="500" dim="64"></posenc-rope-decay>`.
 * `src` is where the host serves posenc-widgets.js. Attribute values are escaped
 * (& < > "), so any value stays text. Keys starting `--posenc-` become a style
 * attribute (custom properties; web/widgets/README.md, "Theming").
 */
export function scriptSnippet(widget, attrs = {}, { src = 'posenc-widgets.js' } = {}) {
  const pairs = check('scriptSnippet', widget, attrs);
  const style = pairs.filter(([k]) => k.startsWith('--')).map(([k, v]) => `${k}: ${v}`).join('; ');
  const attributes = pairs.filter(([k]) => !k.startsWith('--')).map(([k, v]) => ` ${k}="${escapeHtml(v)}"`).join('') +
    (style ? ` style="${escapeHtml(style)}"` : '');
  return `<script src="${escapeHtml(src)}"></script>\n<posenc-${widget}${attributes}></posenc-${widget}>`;
}

/**
 * The hash of the iframe route: `<widget>?<attribute>=<value>&...`, values
 * percent-encoded (URLSearchParams), e.g. `rope-decay?base=500&dim=64`.
 */
export function embedHash(widget, attrs = {}) {
  const pairs = check('embedHash', widget, attrs);
  const query = new URLSearchParams(pairs).toString();
  return query ? `${widget}?${query}` : widget;
}

/**
 * The iframe route: `<iframe src="<page>#<widget>?<attributes>" sandbox="allow-scripts" ...>`.
 * `page` is where the host can reach embed.html; `height` the frame's height (CSS
 * px) until the widget reports its own (resizeListenerSnippet).
 */
export function iframeSnippet(widget, attrs = {}, { page = 'embed.html', height = 480 } = {}) {
  check('iframeSnippet', widget, attrs);
  if (!Number.isInteger(height) || height < 50 || height > 5000) {
    throw new Error(`iframeSnippet: height: got ${JSON.stringify(height)}; allowed: integer in [50, 5000] (CSS px)`);
  }
  const src = `${page}#${embedHash(widget, attrs)}`;
  return `<iframe src="${escapeHtml(src)}" title="${escapeHtml(`posenc figure: ${widget}`)}" sandbox="allow-scripts" ` +
    `loading="lazy" style="width: 100%; height: ${height}px; border: 0"></iframe>`;
}

/**
 * The host page's listener that sizes every posenc frame to its widget: each
 * frame posts {type: 'posenc:resize', widget, height} (CSS px) to its parent on
 * load and whenever its content changes size; the listener finds the frame whose
 * window sent it (event.source, which works for sandboxed frames, whose origin is
 * "null") and sets its height. Put it in one of the host's own script files (a
 * strict CSP forbids inline scripts).
 */
export function resizeListenerSnippet() {
  return `// posenc embeds: size each posenc iframe to the height its widget reports.
window.addEventListener('message', function (event) {
  var m = event.data;
  if (!m || m.type !== 'posenc:resize' || typeof m.height !== 'number' || !(m.height > 0 && m.height < 100000)) return;
  var frames = document.getElementsByTagName('iframe');
  for (var i = 0; i < frames.length; i++) {
    if (frames[i].contentWindow === event.source) frames[i].style.height = Math.ceil(m.height) + 'px';
  }
});
`;
}
