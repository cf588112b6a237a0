// The site's embedding page, dist/embedding.html: how a course author puts a
// figure in a page of their own (the script, the iframe and the notebook route;
// the CSP a host needs; theming; events), then, for each widget, a live preview,
// its attributes with allowed ranges and defaults, and copy-paste snippets. The
// attribute tables, theme properties and part names come from the widgets'
// sources (widget-catalog.mjs); the snippets from web/embed/snippets.mjs and
// notebook-snippet.mjs, the same functions the page's script (embedding-client.js,
// bundled to dist/assets/embedding.js) calls when a preview's controls change.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { escapeHtml } from './markdown.mjs';
import { readWidgets, themeProperties, partNames } from './widget-catalog.mjs';
import { notebookSnippet } from './notebook-snippet.mjs';
import { scriptSnippet, iframeSnippet, resizeListenerSnippet } from '../embed/snippets.mjs';
import { ROOT } from './assets.mjs';

export const HREF = 'embedding.html';
const TITLE = 'Embedding the figures';
/** The CSP the example course page is tested under; what a host needs at least. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'";
const ROUTES = [['script', 'Script'], ['iframe', 'iframe'], ['notebook', 'Jupyter notebook']];

/** The three snippets of `widget` with `attrs` ({attribute: text}): {script, iframe, notebook}. */
export const snippets = (widget, attrs) => ({
  script: scriptSnippet(widget, attrs), iframe: iframeSnippet(widget, attrs), notebook: notebookSnippet(widget, attrs),
});

const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
const code = (s) => `<code>${escapeHtml(s)}</code>`;

// A code block with a Copy button whose accessible name says what it copies.
function copyBlock(id, text, what) {
  return `<div class="snippet"><pre class="code" tabindex="0"><code id="${id}">${escapeHtml(text)}</code></pre>` +
    `<button type="button" class="copy" data-copy="${id}"><span class="label">Copy</span><span class="visually-hidden"> ${escapeHtml(what)}</span></button></div>`;
}

// One widget's section: where it is used, the preview, the attribute table, the three snippets.
function widgetSection({ name, params }, use) {
  const attrs = Object.fromEntries(use?.attributes ?? []);
  const element = `<posenc-${name}${Object.entries(attrs).map(([k, v]) => ` ${k}="${escapeHtml(v)}"`).join('')}></posenc-${name}>`;
  const usedIn = use ? `Used in <a href="${use.href}">${escapeHtml(use.title)}</a>; the preview starts with that figure's attributes.`
    : 'Not used in a chapter; the preview shows the defaults.';
  const rows = params.map((p) => `<tr><th scope="row"><code>${escapeHtml(p.name)}</code></th><td>${escapeHtml(p.allowed)}</td>` +
    `<td><code>${escapeHtml(p.default)}</code></td><td>${escapeHtml(p.label)}${p.control ? '' : ' (attribute only, no control)'}</td></tr>`).join('\n');
  const s = snippets(name, attrs);
  const blocks = ROUTES.map(([route, label]) => `<h4>${label}</h4>\n${copyBlock(`snippet-${name}-${route}`, s[route], `the ${label} snippet of ${name}`)}`).join('\n');
  return `<section class="embed-widget" data-widget="${name}" aria-labelledby="widget-${name}">
<h3 id="widget-${name}"><code>posenc-${name}</code></h3>
<p>${usedIn}</p>
<figure class="posenc-figure">${element}
<figcaption>Live preview. Change its controls: the snippets below follow.</figcaption></figure>
<div class="scroll" tabindex="0" role="region" aria-label="Attributes of posenc-${name} (scrolls)"><table class="attributes">
<caption>Attributes of <code>posenc-${name}</code></caption>
<thead><tr><th scope="col">Attribute</th><th scope="col">Allowed</th><th scope="col">Default</th><th scope="col">Meaning</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
${blocks}
</section>
`;
}

// The how-to at the top: the script, routes, CSP, iframe resizing, theming, events.
function howTo(bytes, gzipped) {
  const props = themeProperties().map((p) => `<tr><th scope="row"><code>${p.name}</code></th><td><code>${escapeHtml(p.light)}</code></td>` +
    `<td>${p.dark ? `<code>${escapeHtml(p.dark)}</code>` : 'same'}</td></tr>`).join('\n');
  const parts = partNames().map(code).join(', ');
  const theme = `posenc-rope-decay {
  --posenc-font: "Lato", "Helvetica Neue", Arial, sans-serif;
  --posenc-accent: #8a1538;
}
posenc-rope-decay::part(button) { border-radius: 999px; }`;
  const events = `// In one of your page's script files (a strict CSP forbids inline scripts).
document.querySelector('posenc-rope-decay').addEventListener('change', function (event) {
  console.log(event.detail); // the widget's state, e.g. {dim: 128, base: 10000, maxDistance: 256, axis: 'linear'}
});`;
  return `<h2 id="how-to">How to put a figure in your page</h2>
<ol class="steps">
<li><strong>Get the script.</strong> Download <a href="posenc-widgets.js" download>posenc-widgets.js</a>
(${kib(bytes)}; ${kib(gzipped)} gzipped): the WebAssembly core and every widget in one classic script that fetches
nothing else. Put it on the server or in the course's file area, next to your page.</li>
<li><strong>Pick the route your platform allows.</strong>
<div class="scroll" tabindex="0" role="region" aria-label="The three routes (scrolls)"><table>
<thead><tr><th scope="col">Your page</th><th scope="col">Route</th><th scope="col">What to upload</th></tr></thead>
<tbody>
<tr><td>keeps <code>&lt;script&gt;</code> tags (your own site, a blog, slides, an LMS HTML file)</td><td>Script</td><td><code>posenc-widgets.js</code></td></tr>
<tr><td>strips scripts but allows iframes (most LMS editors, wikis)</td><td>iframe</td><td><code>embed.html</code>, <code>posenc-embed.js</code> and <code>posenc-widgets.js</code>, in one folder (or link to this site's copies)</td></tr>
<tr><td>a Jupyter notebook</td><td>Notebook</td><td><code>notebooks/posenc_widget.py</code> from the repository and a built <code>posenc-widgets.js</code></td></tr>
</tbody></table></div></li>
<li><strong>Copy a widget's snippet</strong> from <a href="#widgets">the widgets</a> below. Set its attributes with the preview's
controls first: the snippets follow. One <code>&lt;script&gt;</code> per page is enough for any number of widgets.</li>
</ol>
<p>A worked example: <a href="examples/index.html">a course page in the style of an LMS</a>, with three widgets, its own
font and colours, under the strict security policy below.</p>

<h3 id="csp">The security policy a host needs</h3>
<p>The widgets compile WebAssembly, which a Content Security Policy allows with <code>'wasm-unsafe-eval'</code>; they
use no <code>eval</code>, no inline script and no network. They style their shadow DOM with <code>&lt;style&gt;</code>
elements, hence <code>'unsafe-inline'</code> for styles. A page served with this header works:</p>
${copyBlock('snippet-csp', `Content-Security-Policy: ${STRICT_CSP}`, 'the Content-Security-Policy header')}

<h3 id="iframe-resize">The iframe route: sizing the frame</h3>
<p>The frame's page, <code>embed.html#&lt;widget&gt;?&lt;attribute&gt;=&lt;value&gt;&amp;…</code>, shows one widget and works
inside <code>sandbox="allow-scripts"</code>. It posts <code>{type: 'posenc:resize', widget, height}</code> to your page
whenever its height changes. Put this listener in one of your page's script files, once, and every posenc frame
takes the height of its widget:</p>
${copyBlock('snippet-resize', resizeListenerSnippet(), 'the resize listener')}

<h3 id="theming">Theming</h3>
<p>Set these custom properties on the element (or any ancestor) to give the widgets your page's font and colours;
they cross the shadow DOM boundary. The dark column applies under <code>prefers-color-scheme: dark</code> unless you set the property.</p>
<div class="scroll" tabindex="0" role="region" aria-label="Custom properties (scrolls)"><table class="theme">
<caption>The widgets' custom properties</caption>
<thead><tr><th scope="col">Property</th><th scope="col">Default</th><th scope="col">Dark default</th></tr></thead>
<tbody>
${props}
</tbody></table></div>
<p>For finer control, style the widgets' parts with <code>::part(name)</code>; the names are ${parts}.</p>
${copyBlock('snippet-theme', theme, 'the theming example')}

<h3 id="events">Events</h3>
<p>Changing an attribute redraws the figure. After every change of its state (a control, or your page setting an
attribute), a widget fires <code>change</code>; <code>event.detail</code> holds the state with the JavaScript API's
camelCase names. A bad attribute value shows a message in the figure and keeps the last drawing.</p>
${copyBlock('snippet-events', events, 'the event example')}
`;
}

/**
 * The embedding page as a site page ({href, title, summary, headings, html,
 * scripts}) for template.mjs. `uses` maps a widget name to its first use in a
 * chapter ({href, title, attributes: [[k, v]]}); `widgetsJs` is the built
 * posenc-widgets.js (its size is quoted).
 */
export async function embeddingPage(uses, widgetsJs) {
  const widgets = await readWidgets();
  const bytes = readFileSync(widgetsJs);
  const sections = widgets.map((w) => widgetSection(w, uses.get(w.name))).join('');
  const headings = [{ level: 1, id: 'embedding', html: TITLE, text: TITLE },
    { level: 2, id: 'how-to', html: 'How to put a figure in your page' },
    { level: 3, id: 'csp', html: 'The security policy a host needs' },
    { level: 3, id: 'iframe-resize', html: 'The iframe route: sizing the frame' },
    { level: 3, id: 'theming', html: 'Theming' }, { level: 3, id: 'events', html: 'Events' },
    { level: 2, id: 'widgets', html: 'The widgets' },
    ...widgets.map((w) => ({ level: 3, id: `widget-${w.name}`, html: code(`posenc-${w.name}`) }))];
  const html = `<h1 id="embedding">${TITLE}</h1>
<p class="lede">Every figure of this tutorial can go into a page of yours (a course in an LMS, a blog post, slides, a
notebook) with one script, one iframe or one line of Python. This page says how, and lists every widget with its
attributes and a snippet to copy.</p>
${howTo(bytes.length, gzipSync(bytes).length)}
<p id="copy-status" class="visually-hidden" role="status"></p>
<h2 id="widgets">The widgets</h2>
<p>Each widget is a custom element, <code>posenc-&lt;name&gt;</code>. Its attributes have the names of the command line's
options; a value outside the allowed range is shown as a message in the figure, never clamped.</p>
${sections}`;
  return {
    href: HREF, title: TITLE, headings, html, scripts: ['assets/embedding.js'],
    summary: 'How to put any figure into a course page, a blog or a notebook: one script, one iframe or one line of Python; every widget with its attributes and snippets to copy.',
  };
}

/** Bundles the page's script (embedding-client.js, with the snippet functions) to <out>/assets/embedding.js. */
export async function writeEmbeddingScript(out) {
  const esbuild = await import('esbuild');
  const entry = path.join(ROOT, 'web/site/embedding-client.js');
  await esbuild.build({
    entryPoints: [entry], outfile: path.join(out, 'assets/embedding.js'), bundle: true, format: 'iife',
    target: 'es2020', minify: true, legalComments: 'none', logLevel: 'silent',
  }).catch((e) => { throw new Error(`esbuild ${path.relative(ROOT, entry)}: ${e.message}`); });
}
