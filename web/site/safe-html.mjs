// Raw HTML in a notebook's markdown: the few tags a chapter author may write
// (ALLOWED_HTML) pass, rebuilt from what was parsed; everything else is shown as
// text. A markdown-it plugin (md.use(safeHtmlPlugin), with the `html` option on)
// rewrites markdown-it's html_inline and html_block tokens; the renderer then
// writes only what this file produced, so raw HTML never reaches the page
// unchecked even if the rule were skipped.
//
// A tag passes only if it matches exactly: a name of ALLOWED_HTML, only its
// named attributes, each once, values in quotes (re-escaped on output), no
// self-closing slash except on <br>. An opening tag must be closed by its own
// closing tag, properly nested, in the same place: the same paragraph (or table
// cell, heading) for tags inside text, the same block container (the cell, a
// list item, a quote) for tags on lines of their own. An unmatched tag is text,
// so no cell can leave an element open over the rest of the page. Comments
// (`<!-- ... -->`, invisible in Jupyter) are dropped.

/**
 * The allow-list: tag -> {attrs: {name: 'text' | 'flag'}, void}. 'text': a quoted
 * value, escaped on output; 'flag': a boolean attribute written without a value.
 * Why each is here (none can run script, load anything, or style the page):
 */
export const ALLOWED_HTML = Object.freeze({
  br: { void: true }, // a line break inside a table cell or a list item (markdown has no other way in a table)
  sub: {}, sup: {}, // sub- and superscripts in prose outside math: 10<sup>4</sup>, x<sub>i</sub>, footnote marks
  kbd: {}, // keys to press in Jupyter: <kbd>Shift</kbd>+<kbd>Enter</kbd>
  abbr: { attrs: { title: 'text' } }, // an abbreviation and its expansion: <abbr title="rotary position embedding">RoPE</abbr>
  mark: {}, // a highlighted word in a worked example
  small: {}, // fine print: a side remark, a source
  s: {}, del: {}, ins: {}, // corrections: what was wrong (struck through) and what replaces it
  details: { attrs: { open: 'flag' } }, summary: {}, // a collapsible answer to an exercise, a long derivation
});

const NAME = /[A-Za-z][A-Za-z0-9]*/y;
const ATTRIBUTE = /\s+([A-Za-z][A-Za-z0-9-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/y;
const OPEN_END = /\s*(\/?)>/y;
const CLOSE = /<\/([A-Za-z][A-Za-z0-9]*)\s*>/y;
// CommonMark's HTML comment (spec 0.31, 6.6), as markdown-it reads it.
const COMMENT = /<!---?>|<!--(?:[^-]|-[^-]|--[^>])*-->/y;
const ENTITY = /^&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});/;

/**
 * `s` with < > " ' escaped, and & escaped unless it starts a character reference
 * (&amp; &#60; &#x3C;), which a browser decodes to text in either place, so
 * the author's entities keep their meaning and nothing can become markup.
 */
export function escapeKeepingEntities(s) {
  return s.replace(/[<>"']|&/g, (c, at) => {
    if (c === '&') return ENTITY.test(s.slice(at, at + 40)) ? '&' : '&amp;';
    return { '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
  });
}

// An opening tag of the allow-list at `at` in `src` -> {name, end, html, void}, else null.
function openTag(src, at) {
  if (src[at] !== '<') return null;
  NAME.lastIndex = at + 1;
  const m = NAME.exec(src);
  if (!m) return null;
  const name = m[0].toLowerCase();
  const spec = Object.hasOwn(ALLOWED_HTML, name) ? ALLOWED_HTML[name] : null;
  if (!spec) return null;
  let pos = NAME.lastIndex;
  const seen = new Set();
  let html = `<${name}`;
  for (;;) {
    ATTRIBUTE.lastIndex = pos;
    const a = ATTRIBUTE.exec(src);
    if (!a) break;
    const attr = a[1].toLowerCase();
    const value = a[2] ?? a[3];
    const kind = spec.attrs && Object.hasOwn(spec.attrs, attr) ? spec.attrs[attr] : null;
    if (!kind || seen.has(attr) || (kind === 'flag') !== (value === undefined)) return null;
    seen.add(attr);
    html += kind === 'flag' ? ` ${attr}` : ` ${attr}="${escapeKeepingEntities(value)}"`;
    pos = ATTRIBUTE.lastIndex;
  }
  OPEN_END.lastIndex = pos;
  const end = OPEN_END.exec(src);
  if (!end || (end[1] && !spec.void)) return null;
  return { name, end: OPEN_END.lastIndex, html: `${html}>`, void: !!spec.void };
}

// A closing tag of the allow-list (not of a void tag) at `at` -> {name, end, html}, else null.
function closeTag(src, at) {
  CLOSE.lastIndex = at;
  const m = CLOSE.exec(src);
  if (!m) return null;
  const name = m[1].toLowerCase();
  if (!Object.hasOwn(ALLOWED_HTML, name) || ALLOWED_HTML[name].void) return null;
  return { name, end: CLOSE.lastIndex, html: `</${name}>` };
}

/**
 * `src` (raw HTML) as segments in order: {text} for anything that is not an
 * allowed tag, {tag, close, void, html, raw} for an allowed tag (`ok` is set
 * later, once it is matched), {comment} for a comment. Adjacent text is merged.
 */
export function splitHtml(src) {
  const out = [];
  const text = (t) => (out.at(-1)?.text !== undefined ? (out.at(-1).text += t) : out.push({ text: t }));
  for (let i = 0; i < src.length;) {
    const lt = src.indexOf('<', i);
    if (lt < 0) { text(src.slice(i)); break; }
    if (lt > i) text(src.slice(i, lt));
    COMMENT.lastIndex = lt;
    const comment = COMMENT.exec(src);
    if (comment) { out.push({ comment: true }); i = COMMENT.lastIndex; continue; }
    const tag = openTag(src, lt) ?? closeTag(src, lt);
    if (!tag) { text('<'); i = lt + 1; continue; }
    const close = src[lt + 1] === '/';
    out.push({ tag: tag.name, close, void: !!tag.void, html: tag.html, raw: src.slice(lt, tag.end), ok: !!tag.void });
    i = tag.end;
  }
  return out;
}

// Matches opening and closing tags within one frame (a list of open tag segments):
// a closing tag that closes the innermost open one marks both ok.
function match(frame, seg) {
  if (seg.tag === undefined || seg.void) return;
  if (!seg.close) { frame.push(seg); return; }
  if (frame.at(-1)?.tag === seg.tag) { frame.pop().ok = true; seg.ok = true; }
}

// The HTML of an html_block's segments; a block that kept no tag is a paragraph of text.
function blockHtml(segments) {
  const html = segments.map((s) => (s.comment ? '' : s.ok ? s.html : escapeKeepingEntities(s.text ?? s.raw))).join('');
  if (segments.some((s) => s.ok)) return html.endsWith('\n') ? html : `${html}\n`;
  return html.trim() ? `<p>${html.trim()}</p>\n` : '';
}

// Core rule (after 'inline'): checks and matches every raw tag of the cell.
function safeHtml(state) {
  const blocks = [[]]; // per open block container: its html_block tags still open
  const pending = []; // html_block tokens, rendered once every match is known
  for (const token of state.tokens) {
    if (token.type === 'html_block') {
      token.meta = { segments: splitHtml(token.content) };
      for (const seg of token.meta.segments) match(blocks.at(-1), seg);
      pending.push(token);
    } else if (token.nesting === 1) {
      blocks.push([]);
    } else if (token.nesting === -1 && blocks.length > 1) {
      blocks.pop(); // what is still open here stays text (ok is false)
    } else if (token.type === 'inline') {
      const frame = [];
      const raw = (token.children ?? []).filter((t) => t.type === 'html_inline');
      for (const t of raw) {
        const [seg, ...rest] = splitHtml(t.content);
        t.meta = { seg: rest.length || !seg ? { text: t.content } : seg };
        match(frame, t.meta.seg);
      }
      for (const t of raw) {
        const { seg } = t.meta;
        if (seg.ok) t.meta.safe = seg.html;
        else Object.assign(t, { type: 'text', content: seg.comment ? '' : t.content, meta: null });
      }
    }
  }
  for (const token of pending) token.meta.safe = blockHtml(token.meta.segments);
}

/**
 * The plugin: md.use(safeHtmlPlugin) on an instance created with `html: true`.
 * html_inline and html_block tokens render only what safeHtml produced; any
 * other content is escaped.
 */
export function safeHtmlPlugin(md) {
  md.core.ruler.after('inline', 'safe_html', safeHtml);
  const escape = md.utils.escapeHtml;
  md.renderer.rules.html_inline = (tokens, i) => tokens[i].meta?.safe ?? escape(tokens[i].content);
  md.renderer.rules.html_block = (tokens, i) => tokens[i].meta?.safe ?? `<p>${escape(tokens[i].content)}</p>\n`;
}
