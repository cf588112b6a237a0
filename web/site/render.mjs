// One notebook (parsed by notebook.mjs) -> the parts of its page: the article's
// HTML (markdown cells, code cells with their outputs, widget cells as figures),
// the title, a one-paragraph summary for the landing page, and the headings for
// the page's table of contents. A TeX error stops the build with file and cell.
import { NotebookError } from './notebook.mjs';
import { createMarkdown, escapeHtml, highlight } from './markdown.mjs';
import { isBase64 } from './safe-url.mjs';

const md = createMarkdown();
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g; // colour codes in tracebacks and progress bars

/**
 * HTML of one output of code cell `cell` (1-based), as notebook-parts.mjs
 * checkOutputs returns it: stream text, error tracebacks and text/plain as
 * escaped text; PNG and JPEG as inline data (checked strict base64); SVG as an
 * <img> of inline data (an image's scripts never run). text/html and
 * application/javascript are never written (checkOutputs drops them): such an
 * output shows its text/plain, or nothing.
 */
export function outputHtml(out, cell) {
  const pre = (cls, text) => `<pre class="output ${cls}" tabindex="0">${escapeHtml(text.replace(ANSI, '').replace(/\n$/, ''))}</pre>`;
  const img = (type, base64) => `<img class="output" alt="${escapeHtml(`Figure drawn by code cell ${cell}`)}" src="data:${type};base64,${base64}">`;
  switch (out.output_type) {
    case 'stream':
      return pre(out.name === 'stderr' ? 'stderr' : 'stdout', out.text);
    case 'execute_result':
    case 'display_data': {
      const { data } = out;
      for (const type of ['image/png', 'image/jpeg']) if (data[type] !== undefined && isBase64(data[type])) return img(type, data[type]);
      if (data['image/svg+xml'] !== undefined) return img('image/svg+xml', Buffer.from(data['image/svg+xml']).toString('base64'));
      return data['text/plain'] === undefined ? '' : pre('result', data['text/plain']);
    }
    case 'error':
      return pre('error', out.traceback);
    default:
      return '';
  }
}

/** The figure of a widget cell: the custom element (attributes as escaped text) and its caption. */
export function widgetHtml({ name, attributes }, captionHtml) {
  const attrs = attributes.map(([k, v]) => ` ${k}="${escapeHtml(v)}"`).join('');
  return `<figure class="posenc-figure"><posenc-${name}${attrs}></posenc-${name}>\n<figcaption>${captionHtml}</figcaption></figure>\n`;
}

// Markdown -> HTML for one cell, its attachments at hand; a KaTeX error or an
// unknown attachment becomes a NotebookError at this cell.
function renderCell(cell, env, file) {
  env.attachments = cell.attachments;
  try {
    return md.render(cell.source, env);
  } catch (e) {
    throw new NotebookError(file, cell.index, e.message);
  } finally {
    delete env.attachments;
  }
}


/**
 * Renders a parsed notebook. Returns {title, summary, headings: [{level, id,
 * html}], html, warnings}: `title` is the text of the first level-1 heading (else
 * `fallbackTitle`), `summary` the HTML of the first paragraph, `warnings` KaTeX's
 * strict-mode notes with their cell.
 */
export function renderNotebook(notebook, file, fallbackTitle) {
  const env = {};
  const warnings = [];
  let summary = '';
  const markdown = (cell) => { // KaTeX's notes become warnings that name the cell
    const html = renderCell(cell, env, file);
    for (const w of env.mathWarnings?.splice(0) ?? []) warnings.push(`${file}: cell ${cell.index}: ${w}`);
    return html;
  };
  const caption = (cell) => { // a figure's caption may not hold a heading
    const before = env.headings?.length ?? 0;
    const html = markdown(cell);
    if ((env.headings?.length ?? 0) > before) throw new NotebookError(file, cell.index, 'a widget caption cannot hold a heading');
    return html;
  };
  const parts = notebook.cells.map((cell, i) => {
    if (cell.type === 'raw' || cell.caption) return ''; // a caption is drawn with its figure
    if (cell.type === 'code' && cell.widget) { // the figure; the cell's code and output are Jupyter's
      return widgetHtml(cell.widget, caption(notebook.cells[i + 1]));
    }
    if (cell.type === 'code') {
      const source = `<pre class="code" tabindex="0"><code class="hljs language-python">${highlight(cell.source.replace(/\s+$/, ''))}</code></pre>`;
      const outputs = cell.outputs.map((o) => outputHtml(o, cell.index)).join('');
      return `<div class="cell code-cell">${source}${outputs ? `<div class="outputs">${outputs}</div>` : ''}</div>\n`;
    }
    if (cell.widget) return widgetHtml(cell.widget, caption(cell));
    const html = markdown(cell);
    if (!summary) {
      const tokens = md.parse(cell.source, { attachments: cell.attachments });
      const at = tokens.findIndex((t) => t.type === 'paragraph_open');
      if (at >= 0) summary = md.renderer.renderInline(tokens[at + 1].children, md.options, {});
    }
    return html;
  });
  const headings = (env.headings ?? []).map(({ level, id, text, inline }) => ({
    level, id, text, html: md.renderer.renderInline(inline, md.options, {}),
  }));
  const title = headings.find((h) => h.level === 1)?.text || fallbackTitle;
  return { title, summary, headings, html: parts.join(''), warnings };
}
