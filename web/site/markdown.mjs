// The markdown renderer of the site: markdown-it with raw HTML limited to a short
// allow-list (safe-html.mjs) and links and images to safe URLs (safe-url.mjs), so
// a notebook's markdown cannot inject markup or script, KaTeX math (math.mjs), code
// highlighted by highlight.js at build time, headings given unique anchor ids and
// collected for the page's table of contents, links to sibling notebooks
// (x.ipynb) pointed at their pages (x.html), and wide tables in a scroll box.
import MarkdownIt from 'markdown-it';
import hljs from 'highlight.js/lib/core';
import python from 'highlight.js/lib/languages/python';
import bash from 'highlight.js/lib/languages/bash';
import json from 'highlight.js/lib/languages/json';
import javascript from 'highlight.js/lib/languages/javascript';
import cpp from 'highlight.js/lib/languages/cpp';
import { mathPlugin } from './math.mjs';
import { safeHtmlPlugin } from './safe-html.mjs';
import { isSafeImage, isSafeLink } from './safe-url.mjs';

for (const [name, lang] of Object.entries({ python, bash, json, javascript, cpp })) hljs.registerLanguage(name, lang);

/** `s` with the five HTML-special characters escaped, safe as text and in a quoted attribute. */
export const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Highlighted HTML of `code` in `language` (python by default); plain escaped text for an unknown language. */
export function highlight(code, language = 'python') {
  const lang = hljs.getLanguage(language) ? language : null;
  return lang ? hljs.highlight(code, { language: lang, ignoreIllegals: true }).value : escapeHtml(code);
}

/**
 * A heading's anchor id: its text in lower case, letters and digits kept, runs of
 * anything else one '-'; `taken` (a Set) makes it unique on the page (-2, -3, ...).
 */
export function slugify(text, taken) {
  const base = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'section';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

// The plain text of an inline token's children (math as its TeX source), for ids and titles.
const plainText = (inline) => inline.children.map((t) => (t.type === 'math_inline' || t.type === 'math_display'
  ? t.content : t.type === 'softbreak' ? ' ' : t.type === 'text' || t.type === 'code_inline' ? t.content : '')).join('');

// Core rule: ids on headings, and env.headings [{level, id, text, html}] for the contents.
function headingIds(state) {
  const env = state.env;
  env.slugs ??= new Set();
  env.headings ??= [];
  state.tokens.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const inline = state.tokens[i + 1];
    const text = plainText(inline).trim();
    const id = slugify(text, env.slugs);
    token.attrSet('id', id);
    env.headings.push({ level: Number(token.tag.slice(1)), id, text, inline: inline.children });
  });
}

// Core rule: `x.ipynb` and `x.ipynb#part` (relative links only) -> `x.html`.
function notebookLinks(state) {
  for (const block of state.tokens) {
    for (const token of block.children ?? []) {
      if (token.type !== 'link_open') continue;
      const href = token.attrGet('href');
      const m = /^(?![a-z][a-z0-9+.-]*:)(?!\/)([^?#]*?)([^/?#]+)\.ipynb(#.*)?$/i.exec(href ?? '');
      if (m) token.attrSet('href', `${m[1]}${m[2]}.html${m[3] ?? ''}`);
    }
  }
}

// Core rule: a link whose href isSafeLink refuses (inline image data, which
// validateLink lets through for images) goes back to its source text; an image
// `attachment:name` becomes the inline data of the cell's attachment
// (env.attachments: {name: {type, data}}, checked by notebook.mjs); an unknown
// name throws (the renderer adds file and cell).
function safeLinks(state) {
  for (const block of state.tokens) {
    const children = block.children ?? [];
    const open = [];
    for (const token of children) {
      if (token.type === 'link_open') {
        const href = token.attrGet('href');
        const bad = !isSafeLink(href);
        open.push(bad ? href : null);
        if (bad) Object.assign(token, { type: 'text', content: token.markup === 'autolink' ? '<' : '[', attrs: null });
      } else if (token.type === 'link_close') {
        const href = open.pop();
        if (href != null) Object.assign(token, { type: 'text', content: token.markup === 'autolink' ? '>' : `](${href})` });
      } else if (token.type === 'image') {
        const m = /^attachment:(.+)$/i.exec(token.attrGet('src'));
        if (!m) continue;
        let name = m[1];
        try { name = decodeURIComponent(name); } catch { /* keep it as written */ }
        const att = state.env.attachments?.[name];
        if (!att) throw new Error(`image attachment:${name}: the cell has no attachment of that name (it has: ${Object.keys(state.env.attachments ?? {}).join(', ') || 'none'})`);
        token.attrSet('src', `data:${att.type};base64,${att.data}`);
      }
    }
  }
}

/** A markdown-it instance configured for notebook cells. Render with an env object per page. */
export function createMarkdown() {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: true, highlight: (code, lang) => highlight(code, lang || 'python') });
  // Links and images share validateLink: the image rule's looser test here, links held to theirs in safeLinks.
  md.validateLink = isSafeImage;
  md.use(safeHtmlPlugin);
  md.use(mathPlugin);
  md.core.ruler.push('safe_links', safeLinks);
  md.core.ruler.push('heading_ids', headingIds);
  md.core.ruler.push('notebook_links', notebookLinks);
  md.renderer.rules.table_open = () => '<div class="scroll" tabindex="0" role="region" aria-label="Table"><table>\n';
  md.renderer.rules.table_close = () => '</table></div>\n';
  // Fenced code: the same box as a code cell's source (scrolls sideways, focusable to scroll by keyboard).
  md.renderer.rules.fence = (tokens, i, options) => {
    const lang = tokens[i].info.trim().split(/\s+/)[0] || 'python';
    return `<pre class="code" tabindex="0"><code class="hljs language-${escapeHtml(lang)}">${options.highlight(tokens[i].content, lang)}</code></pre>\n`;
  };
  md.renderer.rules.code_block = md.renderer.rules.fence;
  return md;
}
