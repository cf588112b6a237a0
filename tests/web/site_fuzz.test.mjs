// Fuzzing the notebook-to-site path (notebook.mjs parse, render.mjs, the page
// template) with the real chapters: a seeded PRNG cuts a few cells out of a
// chapter, gives its code cells outputs, then mutates the JSON (deletes keys,
// swaps types, inserts hostile strings: <script>, event handlers, javascript:
// links, broken allow-listed tags, unicode, huge numbers, deep nesting; now and
// then truncates the text or prefixes a BOM). Every outcome must be either
//   - a page whose markup is safe (checkPage: no script but the template's, no
//     on* attribute, no URL outside the site's rule, no element outside the
//     renderer's vocabulary and the allow-list, no injected attribute, every
//     element closed), or
//   - a NotebookError whose message starts with "f.ipynb: " and, where it names
//     a cell, a cell that exists.
// Anything else (a TypeError, a RangeError, an unsafe page) fails with the seed,
// the run and the mutations, to replay with POSENC_FUZZ_SEED=<seed>.
// POSENC_FUZZ_RUNS sets the number of runs (default 2000, about 3 s on one core).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseNotebook, NotebookError } from '../../web/site/notebook.mjs';
import { renderNotebook } from '../../web/site/render.mjs';
import { chapterPage, indexPage } from '../../web/site/template.mjs';
import { ROOT } from './support.mjs';

const SEED = Number(process.env.POSENC_FUZZ_SEED ?? 20240609) >>> 0;
const RUNS = Number(process.env.POSENC_FUZZ_RUNS ?? 2000);

// mulberry32 (Tommy Ettinger's 32-bit generator): small, seedable, good enough to pick mutations.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const HOSTILE = [
  '<script>alert(1)</script>', '<SCRIPT SRC=//x.example/a.js></SCRIPT>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>",
  '<img src="x" onerror="alert(1)">', '<iframe src="javascript:alert(1)"></iframe>', '<a href="javascript:alert(1)">x</a>',
  '[x](javascript:alert(1))', '[x](JaVaScRiPt:alert(1))', '[x](java&#09;script:alert(1))', '[x](&#x6A;avascript:alert(1))',
  '[x](vbscript:msgbox(1))', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', '![x](data:text/html,<script>alert(1)</script>)',
  '![x](javascript:alert(1))', '[x](file:///etc/passwd)', '<javascript:alert(1)>', '[r]: javascript:alert(1)\n\n[x][r]',
  `![ok](data:image/png;base64,${PNG})`, '![x](data:image/png;base64,"onerror=alert(1))', '![a](attachment:missing.png)',
  '<details open ontoggle=alert(1)>', '<details>\n<summary>s</summary>', '</details></details>', '<abbr title="a" onclick="b">x</abbr>',
  '<abbr title=\'"><script>alert(1)</script>\'>x</abbr>', '<sub><sup>x</sub></sup>', '<s>open', '<br onmouseover=alert(1)>',
  '<div data-fuzz="1">d</div>', '<span data-fuzz style="color:red">s</span>', '<p data-fuzz>p</p>', '<table data-fuzz><tr><td>t</td></tr></table>',
  '<style>body{display:none}</style>', '<object data=x></object>', '<embed src=x>', '<form action="javascript:alert(1)"><input></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', '<base href="javascript:/">', '<!-- <script>alert(1)</script> -->',
  '<!--><script>alert(1)</script>', '<![CDATA[<script>]]>', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '$\\href{javascript:alert(1)}{x}$', '$\\url{javascript:alert(1)}$', '$x<script>$', '$$\n<img onerror=alert(1)>\n$$', '\\(\\htmlClass{x}{y}\\)',
  '```"><script>alert(1)</script>\ncode\n```', '# <script>h</script> heading', '| a | b |\n|---|---|\n| <img onerror=x> | <br> |',
  '\u202e\u0000\ud800\uffff😀\u2028', '&lt;script&gt;', '&#60;script&#62;', '<', '>', '&', '"', "'",
];
const VALUES = () => [null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, '', 'x', [], {}, [1, 'a'], { a: 1 }, '<b>', ['<script>', 7]];
const OUTPUTS = [
  { output_type: 'stream', name: 'stdout', text: ['a <b>\n', 'c'] },
  { output_type: 'stream', name: 'stderr', text: '\x1b[31mwarn\x1b[0m <script>' },
  { output_type: 'execute_result', data: { 'text/plain': ['tensor([1.])'], 'text/html': ['<script>alert(1)</script>'] }, metadata: {}, execution_count: 1 },
  { output_type: 'display_data', data: { 'image/png': PNG, 'text/plain': '<Figure>' }, metadata: {} },
  { output_type: 'display_data', data: { 'image/svg+xml': '<svg onload="alert(1)"><script>alert(1)</script></svg>' }, metadata: {} },
  { output_type: 'display_data', data: { 'application/javascript': 'alert(1)' }, metadata: {} },
  { output_type: 'error', ename: 'E', evalue: '<b>', traceback: ['E: <img onerror=alert(1)>'] },
];

// The chapters' JSON, read once.
const CHAPTERS = readdirSync(path.join(ROOT, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort()
  .map((f) => JSON.parse(readFileSync(path.join(ROOT, 'notebooks', f), 'utf8')));

// A few consecutive cells of a chapter (a widget code cell keeps its caption), code cells given outputs.
function sample(rand) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const ch = pick(CHAPTERS);
  let start = Math.floor(rand() * ch.cells.length);
  while (start > 0 && ch.cells[start].metadata?.posenc?.caption) start--;
  let end = Math.min(ch.cells.length, start + 1 + Math.floor(rand() * 2));
  if (ch.cells[end]?.metadata?.posenc?.caption) end++;
  const cells = structuredClone(ch.cells.slice(start, end));
  for (const c of cells) if (c.cell_type === 'code' && !c.metadata?.posenc?.widget) c.outputs = OUTPUTS.filter(() => rand() < 0.3).map((o) => structuredClone(o));
  return { nbformat: 4, nbformat_minor: 5, metadata: structuredClone(ch.metadata), cells };
}

// Every [parent, key] in the tree.
function places(root) {
  const out = [];
  const walk = (v) => {
    if (v === null || typeof v !== 'object') return;
    for (const k of Object.keys(v)) { out.push([v, k]); walk(v[k]); }
  };
  walk(root);
  return out;
}

const deep = (n) => `${'['.repeat(n)}${']'.repeat(n)}`;

// One structural mutation of `nb` in place; returns its name (for the failure report).
function mutate(nb, rand) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const all = places(nb);
  const [parent, key] = pick(all.length ? all : [[nb, 'cells']]);
  const cell = nb.cells?.length ? pick(nb.cells) : null;
  const hostile = pick(HOSTILE);
  switch (Math.floor(rand() * 8)) {
    case 0:
      if (Array.isArray(parent)) parent.splice(Number(key), 1); else delete parent[key];
      return `delete ${key}`;
    case 1:
      parent[key] = pick(VALUES());
      return `${key} = ${JSON.stringify(parent[key])}`;
    case 2: { // into a string, or a list of strings
      const strings = all.filter(([p, k]) => typeof p[k] === 'string');
      if (!strings.length) return 'no string';
      const [p, k] = pick(strings);
      const at = Math.floor(rand() * (p[k].length + 1));
      p[k] = p[k].slice(0, at) + hostile + p[k].slice(at);
      return `${k} += ${JSON.stringify(hostile)}`;
    }
    case 3:
      if (!cell || typeof cell !== 'object') return 'no cell';
      cell.source = rand() < 0.5 ? hostile : [`${hostile}\n`, pick(HOSTILE)];
      return `source = ${JSON.stringify(cell.source)}`;
    case 4:
      if (!cell || typeof cell !== 'object') return 'no cell';
      cell.metadata = { posenc: pick([{ widget: 'rope-decay', attributes: { dim: hostile } }, { widget: hostile }, { caption: true },
        { widget: 'alibi-bias', attributes: { [pick(['x', 'on-click', 'a"b'])]: 1e308 } }, { widget: 'rope-decay', attributes: [] }]) };
      return `metadata = ${JSON.stringify(cell.metadata)}`;
    case 5: // a placeholder, made deep in the text (JSON.stringify would overflow the stack)
      parent[key] = `__DEEP${1 + Math.floor(rand() * 5000)}__`;
      return `${key} = deep list`;
    case 6:
      if (!cell || typeof cell !== 'object') return 'no cell';
      cell.cell_type = pick(['markdown', 'code', 'raw', 'heading', hostile]);
      if (rand() < 0.5) cell.attachments = pick([{ 'missing.png': { 'image/png': PNG } }, { a: { 'text/html': '<b>' } }, { a: { 'image/png': '"<' } }, 'x']);
      return `cell_type = ${cell.cell_type}, attachments`;
    default:
      if (!cell || typeof cell !== 'object' || cell.cell_type !== 'code') return 'no code cell';
      cell.outputs = [pick([...OUTPUTS, { output_type: hostile }, { output_type: 'stream', name: hostile, text: hostile },
        { output_type: 'display_data', data: { 'image/png': `${PNG}"${hostile}` } }, { output_type: 'display_data', data: { 'image/jpeg': hostile } }])];
      return `outputs = ${JSON.stringify(cell.outputs).slice(0, 80)}`;
  }
}

// What may appear on a page: the renderer's elements, KaTeX's HTML, MathML and SVG, the allow-list, the widgets.
const ELEMENTS = new Set(['html', 'head', 'body', 'meta', 'title', 'link', 'script', 'header', 'main', 'article', 'nav', 'aside', 'footer',
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'img', 'em', 'strong', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'hr',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'div', 'span', 'figure', 'figcaption',
  'br', 'sub', 'sup', 'kbd', 'abbr', 'mark', 'small', 's', 'del', 'ins', 'details', 'summary', // the allow-list (safe-html.mjs)
  'math', 'semantics', 'annotation', 'svg', 'path', 'line']);
const VOID = new Set(['meta', 'link', 'img', 'br', 'hr']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const ATTR = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const decode = (v) => v.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (m, e) => (e[0] === '#'
  ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
  : { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e.toLowerCase()]));
// The URL rule, written here on its own: what a browser would read (tabs and newlines
// dropped, ends trimmed) is http(s), a fragment, a relative path, or inline image data.
function urlOk(value, name) {
  const u = decode(value).replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (/^https?:\/\//i.test(u) || /^#/.test(u)) return true;
  if (name === 'src' && /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/.test(u)) return true;
  return !/^[a-z][a-z0-9+.-]*:/i.test(u) && !/^[/\\]{2}/.test(u);
}

/** Throws unless `html` is markup the site may write (see the header). */
function checkPage(html) {
  const open = [];
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
    if (html.startsWith('<!doctype html>', i)) continue;
    TAG.lastIndex = i;
    const m = TAG.exec(html);
    if (!m) throw new Error(`a "<" that starts no tag: ${JSON.stringify(html.slice(i, i + 60))}`);
    const [, close, rawName, attrs, selfClose] = m;
    const name = rawName.toLowerCase();
    if (!ELEMENTS.has(name) && !/^m[a-z]+$/.test(name) && !/^posenc-[a-z0-9-]+$/.test(name)) throw new Error(`element <${name}> on the page`);
    for (const [, a, ...v] of attrs.matchAll(ATTR)) {
      const value = v.find((x) => x !== undefined) ?? '';
      if (/^on/i.test(a)) throw new Error(`event handler ${a} on <${name}>`);
      if (/^data-fuzz/i.test(a)) throw new Error(`an injected attribute ${a} on <${name}>`);
      if (/^(href|src|xlink:href|action|formaction|data)$/i.test(a) && !urlOk(value, a)) throw new Error(`${a}="${value.slice(0, 60)}" on <${name}>`);
      if (/style/i.test(a) && /url\(|expression|javascript/i.test(decode(value))) throw new Error(`style ${value.slice(0, 60)}`);
    }
    if (name === 'script' && !close && !/^ defer src="assets\/[a-z-]+\.js"$/.test(attrs)) throw new Error(`a script that is not the template's: ${m[0]}`);
    if (close) {
      if (open.pop() !== name) throw new Error(`</${name}> closes nothing open`);
    } else if (!VOID.has(name) && !selfClose) open.push(name);
  }
  if (open.length) throw new Error(`left open: ${open.join(', ')}`);
}

// Parse, render and lay out one mutated notebook; returns 'page' or 'error', throws on anything else.
function runOne(text, cellCount) {
  let page;
  try {
    const r = renderNotebook(parseNotebook(text, 'f.ipynb'), 'f.ipynb', 'f');
    const chapter = { name: 'f', href: 'f.html', ...r };
    page = chapterPage([chapter], chapter) + indexPage([chapter]);
  } catch (e) {
    if (!(e instanceof NotebookError)) throw new Error(`not a NotebookError: ${e.stack}`);
    if (!/^f\.ipynb: /.test(e.message)) throw new Error(`message does not name the file: ${e.message}`);
    if (e.cell && !(e.cell >= 1 && e.cell <= cellCount)) throw new Error(`names cell ${e.cell} of ${cellCount}: ${e.message}`);
    return 'error';
  }
  checkPage(page);
  return 'page';
}

test('the page checker catches what it is meant to (so the fuzz test can fail)', () => {
  const ok = chapterPage([{ href: 'f.html', title: 't', headings: [], html: '<p>x <sub>2</sub></p>' }], { href: 'f.html', title: 't', headings: [], html: '' });
  assert.doesNotThrow(() => checkPage(ok));
  for (const bad of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">x</a>', '<a href="java&#x09;script:x">x</a>',
    '<img src="data:text/html;base64,AAAA">', '<iframe></iframe>', '<div data-fuzz>x</div>', '<details>', '<sub>x</sup>', '<p>a < b</p>', '<a href="//evil">x</a>']) {
    assert.throws(() => checkPage(`<p>${bad}</p>`), Error, bad);
  }
});

test(`fuzz: ${RUNS} mutated chapter excerpts give a safe page or a NotebookError naming file and cell (seed ${SEED})`, () => {
  const rand = prng(SEED);
  const counts = { page: 0, error: 0 };
  for (let run = 0; run < RUNS; run++) {
    const nb = sample(rand);
    const steps = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => mutate(nb, rand));
    let text = JSON.stringify(nb).replace(/"__DEEP(\d+)__"/g, (_, n) => deep(Number(n)));
    let cellCount = 0;
    try { cellCount = JSON.parse(text)?.cells?.length ?? 0; } catch { /* not JSON: no cell to name */ }
    const r = rand();
    if (r < 0.02) { text = text.slice(0, Math.floor(rand() * text.length)); steps.push('truncated'); }
    else if (r < 0.03) { text = `\uFEFF${text}`; steps.push('BOM'); }
    try {
      counts[runOne(text, cellCount)]++;
    } catch (e) {
      assert.fail(`seed ${SEED}, run ${run}: ${e.message}\n  mutations: ${steps.join(' | ')}\n  notebook: ${text.slice(0, 400)}`);
    }
  }
  // Both outcomes must be exercised, or the mix of mutations has gone wrong.
  assert.ok(counts.page > RUNS / 10 && counts.error > RUNS / 10, JSON.stringify(counts));
});
