// The page shell of every site page: head (styles, the two classic deferred
// scripts, so file:// works), a skip link, header, the chapter list, the page's
// own contents, main with the article and previous/next links, and a footer.
// Every link is relative (index.html, not /), so the pages open from file://.
import { escapeHtml } from './markdown.mjs';

const SITE = 'posenc';
const SUBTITLE = 'Positional encodings in Transformers';

const head = (title, scripts = []) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/highlight.css">
<link rel="stylesheet" href="assets/site.css">
<script defer src="assets/posenc.js"></script>
<script defer src="assets/widgets.js"></script>
${scripts.map((src) => `<script defer src="${src}"></script>\n`).join('')}</head>`;

// The list of chapters; the current one marked with aria-current.
const chapterList = (chapters, current) => `<ol class="chapters">
${chapters.map((c) => `<li><a href="${escapeHtml(c.href)}"${c === current ? ' aria-current="page"' : ''}>${escapeHtml(c.title)}</a></li>`).join('\n')}
</ol>`;

// The current page's headings below its title (h2, h3), nested by level.
function pageContents(headings) {
  const items = headings.filter((h) => h.level === 2 || h.level === 3);
  if (items.length === 0) return '';
  const li = items.map((h) => `<li class="level-${h.level}"><a href="#${h.id}">${h.html}</a></li>`).join('\n');
  return `<nav class="on-this-page" aria-labelledby="on-this-page-title">
<h2 id="on-this-page-title">On this page</h2>
<ol>
${li}
</ol>
</nav>`;
}

const footer = `<footer class="site-footer"><p>${SITE}: computed live by the posenc C++ core, compiled to WebAssembly. Works offline.</p></footer>`;

/**
 * A chapter page. `chapters` is every chapter in order ({href, title}); `chapter`
 * is this one ({href, title, headings, html, scripts?}: `scripts`, the page's own
 * deferred scripts after the widgets').
 */
export function chapterPage(chapters, chapter) {
  const at = chapters.indexOf(chapter);
  const prev = chapters[at - 1];
  const next = chapters[at + 1];
  const link = (c, rel, label) => (c
    ? `<a class="${rel}" rel="${rel}" href="${escapeHtml(c.href)}"><span class="direction">${label}</span> <span class="title">${escapeHtml(c.title)}</span></a>`
    : '<span></span>');
  return `${head(`${chapter.title} · ${SITE}`, chapter.scripts)}
<body>
<a class="skip-link" href="#content">Skip to content</a>
<header class="site-header"><a class="home" href="index.html">${SITE}</a> <span class="subtitle">${SUBTITLE}</span>
<a class="to-contents" href="#contents">Contents</a></header>
<div class="layout">
<main id="content" tabindex="-1">
<article>
${chapter.html}</article>
<nav class="prev-next" aria-label="Previous and next chapter">
${link(prev, 'prev', 'Previous')}
${link(next, 'next', 'Next')}
</nav>
</main>
<aside class="sidebar" id="contents" tabindex="-1">
<nav aria-labelledby="chapters-title"><h2 id="chapters-title">Chapters</h2>
${chapterList(chapters, chapter)}
</nav>
${pageContents(chapter.headings)}
</aside>
</div>
${footer}
</body>
</html>
`;
}

/** The landing page: what the tutorial is, and every chapter with its first paragraph. */
export function indexPage(chapters) {
  const list = chapters.length
    ? `<ol class="toc">
${chapters.map((c) => `<li><h3><a href="${escapeHtml(c.href)}">${escapeHtml(c.title)}</a></h3>${c.summary ? `\n<p>${c.summary}</p>` : ''}</li>`).join('\n')}
</ol>`
    : '<p>No chapter is built yet: add notebooks to <code>notebooks/</code> and run <code>npm run build:site</code>.</p>';
  return `${head(`${SITE}: ${SUBTITLE}`)}
<body>
<a class="skip-link" href="#content">Skip to content</a>
<header class="site-header"><a class="home" href="index.html" aria-current="page">${SITE}</a> <span class="subtitle">${SUBTITLE}</span></header>
<div class="layout landing">
<main id="content" tabindex="-1">
<h1>${SUBTITLE}</h1>
<p class="lede">Why a Transformer needs to be told where each word is, and every way it has been told: from adding the index to rotating queries and keys. Each figure is live, computed in your browser by the same C++ core that the command line runs.</p>
<nav aria-labelledby="toc-title">
<h2 id="toc-title">Chapters</h2>
${list}
</nav>
<h2 id="offline">Offline and from the command line</h2>
<p>The site needs no network: open <code>dist/index.html</code> directly, or run <code>npm start</code> to serve it. Every figure's data also comes from the CLI:</p>
<pre class="code" tabindex="0"><code>build/native/posenc encode --scheme sinusoidal --length 64 --dim 32
build/native/posenc alibi --heads 8 --length 16
build/native/posenc rope-decay --dim 128 --max-distance 256</code></pre>
</main>
</div>
${footer}
</body>
</html>
`;
}
