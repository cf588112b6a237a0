// The site builder's parts (web/site/), without a browser and without dist/:
// math delimiters become KaTeX HTML + MathML (and dollar amounts stay text), raw
// HTML in markdown stays text unless it is on the allow-list, links and images
// only to safe URLs, widget cells become the contract's figure with attributes
// escaped, outputs are shown (never as HTML or script), headings get unique ids,
// notebook links point at pages, and a malformed notebook, a TeX error, a
// failing cell or a missing core stops the build with a message naming the file
// and the cell. site_fuzz.test.mjs mutates the chapters against the same rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseNotebook, NotebookError } from '../../web/site/notebook.mjs';
import { renderNotebook } from '../../web/site/render.mjs';
import { build } from '../../web/site/build.mjs';
import { ROOT } from './support.mjs';

const markdown = (source, posenc) => ({ cell_type: 'markdown', metadata: posenc ? { posenc } : {}, source });
const code = (source, outputs = []) => ({ cell_type: 'code', metadata: {}, source, outputs, execution_count: null });
const notebook = (cells) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });
const render = (cells) => renderNotebook(parseNotebook(notebook(cells), 'x.ipynb'), 'x.ipynb', 'x');
// The count of KaTeX renderings (each has one MathML <math> for screen readers).
const mathCount = (html) => (html.match(/<math /g) ?? []).length;

test('each math delimiter renders with KaTeX as HTML and MathML; dollar amounts stay text', () => {
  const { html } = render([markdown('Inline $x_1$ and \\(y_2\\), display $$a^2$$ and \\[b^2\\].\n\n$$\nc_{i}\n$$\n\n\\begin{align}\nd &= e\n\\end{align}\n\nIt costs $5 and $10.')]);
  assert.equal(mathCount(html), 6, html);
  assert.equal((html.match(/class="katex-display"/g) ?? []).length, 4, 'four display formulas');
  assert.match(html, /It costs \$5 and \$10\./);
  // The TeX survives as MathML annotation, untouched by markdown (no <em> from the underscores).
  assert.match(html, /<annotation encoding="application\/x-tex">x_1<\/annotation>/);
  assert.doesNotMatch(html, /<em>/);
});

test('a bar inside math in a table row stays in the formula and does not split the cell', () => {
  const { html } = render([markdown('| bound | note |\n|---|---|\n| decays with $|m - n|$ | and \\(|x|\\) |')]);
  assert.equal((html.match(/<td>/g) ?? []).length, 2, html);
  assert.match(html, /<annotation encoding="application\/x-tex">\|m - n\|<\/annotation>/);
  assert.match(html, /<annotation encoding="application\/x-tex">\|x\|<\/annotation>/);
});

test('raw HTML in markdown is shown as text, never passed into the page', () => {
  const { html } = render([markdown('<script>alert(1)</script> and <img src=x onerror=alert(1)>')]);
  assert.doesNotMatch(html, /<script|<img/);
  assert.match(html, /&lt;script&gt;/);
});

test('allow-listed tags pass rebuilt; wrong attributes, unmatched and unknown tags stay text', () => {
  const cases = [
    ['H<sub>2</sub>O, 10<SUP>4</SUP>, <kbd>Shift</kbd>', '<p>H<sub>2</sub>O, 10<sup>4</sup>, <kbd>Shift</kbd></p>\n'],
    ['a<br>b<br/>c<br />d', '<p>a<br>b<br>c<br>d</p>\n'],
    ['<abbr title="rotary &amp; \'x\' <b>">RoPE</abbr>', '<p><abbr title="rotary &amp; &#39;x&#39; &lt;b&gt;">RoPE</abbr></p>\n'],
    ['<mark>m</mark> <small>s</small> <s>x</s> <del>y</del> <ins>z</ins>', '<p><mark>m</mark> <small>s</small> <s>x</s> <del>y</del> <ins>z</ins></p>\n'],
    ['<details open>\n<summary>Answer</summary>\n\nIt is *42*.\n\n</details>', '<details open>\n<summary>Answer</summary>\n<p>It is <em>42</em>.</p>\n</details>\n'],
    ['text <!-- a note --> more\n\n<!--\nhidden\n-->', '<p>text  more</p>\n'],
    // Attributes: only the named ones, quoted, once; never an event handler or a style.
    ['<abbr title=x>a</abbr>', '<p>&lt;abbr title=x&gt;a&lt;/abbr&gt;</p>\n'],
    ['<abbr title="a" onclick="b">a</abbr>', '<p>&lt;abbr title=“a” onclick=“b”&gt;a&lt;/abbr&gt;</p>\n'],
    ['<abbr title="a" title="b">a</abbr>', '<p>&lt;abbr title=“a” title=“b”&gt;a&lt;/abbr&gt;</p>\n'],
    ['<sub style="x">a</sub>', '<p>&lt;sub style=“x”&gt;a&lt;/sub&gt;</p>\n'],
    ['<details open="open">\n\n</details>', '<p>&lt;details open=&quot;open&quot;&gt;</p>\n<p>&lt;/details&gt;</p>\n'],
    ['<sub/>x', '<p>&lt;sub/&gt;x</p>\n'],
    // Unmatched or badly nested tags stay text, so nothing is left open.
    ['<sub>never closed', '<p>&lt;sub&gt;never closed</p>\n'],
    ['closed </sup> only', '<p>closed &lt;/sup&gt; only</p>\n'],
    ['<sub><sup>x</sub></sup>', '<p>&lt;sub&gt;<sup>x&lt;/sub&gt;</sup></p>\n'],
    ['<s>a\n\nb</s>', '<p>&lt;s&gt;a</p>\n<p>b&lt;/s&gt;</p>\n'],
    ['> <details>\n\n</details>', '<blockquote>\n<p>&lt;details&gt;</p>\n</blockquote>\n<p>&lt;/details&gt;</p>\n'],
    // Not on the list: shown as text, as a paragraph when a block of its own.
    ['<div align="center">\n<img src="x.png">\n</div>', '<p>&lt;div align=&quot;center&quot;&gt;\n&lt;img src=&quot;x.png&quot;&gt;\n&lt;/div&gt;</p>\n'],
    ['<span class="x">a</span> <a href="https://x.org">b</a>', '<p>&lt;span class=“x”&gt;a&lt;/span&gt; &lt;a href=“https://x.org”&gt;b&lt;/a&gt;</p>\n'],
    ['<style>p{}</style>', '<p>&lt;style&gt;p{}&lt;/style&gt;</p>\n'],
  ];
  for (const [source, expected] of cases) assert.equal(render([markdown(source)]).html, expected, source);
});

test('links may be http(s), relative or #fragment; images also inline png/jpeg/gif/webp data; the rest is text', () => {
  const png = 'iVBORw0KGgo=';
  const link = (url) => render([markdown(`[x](${url})`)]).html;
  for (const url of ['https://example.org/a?b#c', 'http://x.org', 'HTTPS://X.ORG', 'page.html', '../a/b.html#s', '#part', '/abs/path', '?q=1']) {
    assert.match(link(url), /^<p><a href="[^"]+">x<\/a><\/p>/, url);
  }
  for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', 'java&#09;script:alert(1)', '&#106;avascript:alert(1)', 'java%0ascript:alert(1)',
    'vbscript:msgbox(1)', 'data:text/html;base64,PHNjcmlwdD4=', `data:image/png;base64,${png}`, 'file:///etc/passwd', 'mailto:a@b.c',
    '//evil.example/x', 'x:y', '<javascript:alert(1)>']) {
    const html = link(url);
    assert.doesNotMatch(html, /<a /, url);
    assert.match(html, /^<p>\[x\]\(/, `${url} is shown as its source: ${html}`);
  }
  // A backslash reaches the page percent-encoded (%5C), never as a path separator.
  assert.match(link('\\\\\\\\evil.example'), /href="%5C%5Cevil\.example"/);
  assert.doesNotMatch(render([markdown('<javascript:alert(1)> <data:image/png;base64,iVBORw0KGgo=>')]).html, /<a /);
  assert.doesNotMatch(render([markdown('[x][r]\n\n[r]: javascript:alert(1)')]).html, /<a /, 'a reference definition is held to the same rule');
  const image = (url) => render([markdown(`![alt "q"](${url})`)]).html;
  for (const type of ['png', 'jpeg', 'gif', 'webp']) assert.ok(image(`data:image/${type};base64,${png}`).includes(`<img src="data:image/${type};base64,${png}" alt="alt &quot;q&quot;">`), type);
  for (const url of ['data:image/svg+xml;base64,PHN2Zz4=', 'data:text/html;base64,PHNjcmlwdD4=', 'data:image/png;base64,%22onerror', 'data:image/png,raw', 'javascript:alert(1)']) {
    assert.doesNotMatch(image(url), /<img/, url);
  }
});

test("an image may show the cell's own attachment; an unknown name names the cell", () => {
  const png = 'iVBORw0KGgo=';
  const cell = { ...markdown('See ![plot](attachment:p%201.png)'), attachments: { 'p 1.png': { 'image/png': [png.slice(0, 4), '\n', png.slice(4)] } } };
  assert.match(render([cell]).html, new RegExp(`<img src="data:image/png;base64,${png}" alt="plot">`));
  assert.throws(() => render([markdown('ok'), { ...cell, source: '![x](attachment:other.png)' }]),
    (e) => e instanceof NotebookError && /^x\.ipynb: cell 2: image attachment:other\.png: the cell has no attachment of that name \(it has: p 1\.png\)/.test(e.message));
});

test('a widget cell becomes the contract figure; attribute values are escaped text', () => {
  const { html } = render([markdown('Caption with $L$.', { widget: 'rope-decay', attributes: { dim: 128, base: '"><b>x' } })]);
  assert.match(html, /^<figure class="posenc-figure"><posenc-rope-decay dim="128" base="&quot;&gt;&lt;b&gt;x"><\/posenc-rope-decay>/);
  assert.match(html, /<figcaption><p>Caption with <span class="katex">/);
  assert.doesNotMatch(html, /<b>/);
});

test('code cells are highlighted and show stream text, text/plain results and images', () => {
  const png = 'iVBORw0KGgo=';
  const { html } = render([code('print("pe[1] =", 0.5)', [
    { output_type: 'stream', name: 'stdout', text: ['pe[1] = 0.5\n'] },
    { output_type: 'execute_result', data: { 'text/plain': 'tensor([1.])' }, metadata: {}, execution_count: 1 },
    { output_type: 'display_data', data: { 'image/png': png, 'text/plain': '<Figure>' }, metadata: {} },
  ])]);
  assert.match(html, /<span class="hljs-built_in">print<\/span>/);
  assert.match(html, /<pre class="output stdout" tabindex="0">pe\[1\] = 0\.5<\/pre>/);
  assert.match(html, /<pre class="output result" tabindex="0">tensor\(\[1\.\]\)<\/pre>/);
  assert.ok(html.includes(`src="data:image/png;base64,${png}"`));
});

test('headings get unique ids for the contents; title and summary come from the first heading and paragraph', () => {
  const r = render([markdown('# The title\n\nFirst *paragraph*.\n\n## Part $k$\n\n## Part $k$\n\nSee [next](02-b.ipynb#part) and [site](https://example.org/a.ipynb).')]);
  assert.equal(r.title, 'The title');
  assert.equal(r.summary, 'First <em>paragraph</em>.');
  assert.deepEqual(r.headings.map((h) => h.id), ['the-title', 'part-k', 'part-k-2']);
  assert.match(r.html, /<h2 id="part-k-2">/);
  assert.match(r.html, /href="02-b\.html#part"/);
  assert.match(r.html, /href="https:\/\/example\.org\/a\.ipynb"/, 'external links are left alone');
});

test('outputs never carry markup: HTML and script outputs show their text/plain, SVG only inside an <img>', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
  const { html } = render([code('x', [
    { output_type: 'display_data', data: { 'text/html': '<script>alert(1)</script>', 'text/plain': '<IPython.HTML "x">' }, metadata: {} },
    { output_type: 'display_data', data: { 'application/javascript': 'alert(1)' }, metadata: {} },
    { output_type: 'execute_result', data: { 'image/svg+xml': svg, 'text/plain': 'svg' }, metadata: {}, execution_count: 1 },
    { output_type: 'error', ename: 'E', evalue: '<b>', traceback: ['\x1b[31mE\x1b[0m: <b>'] },
  ])]);
  const outputs = html.slice(html.indexOf('<div class="outputs">'));
  assert.equal(outputs, '<div class="outputs"><pre class="output result" tabindex="0">&lt;IPython.HTML &quot;x&quot;&gt;</pre>'
    + `<img class="output" alt="Figure drawn by code cell 1" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`
    + '<pre class="output error" tabindex="0">E: &lt;b&gt;</pre></div></div>\n');
});

test('a malformed notebook names the file and the cell', () => {
  const nb = (cells, extra = {}) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells, ...extra });
  const out = (o) => nb([markdown('ok'), code('x', [o])]);
  const png = 'iVBORw0KGgo=';
  const cases = [
    // The whole file: no cell to name.
    ['{"cells": [', /^x\.ipynb: not valid JSON/],
    [notebook([]).slice(0, -3), /^x\.ipynb: not valid JSON/],
    ['', /^x\.ipynb: not valid JSON/],
    [`\uFEFF${notebook([])}`, /^x\.ipynb: starts with a byte-order mark/],
    ['[]', /^x\.ipynb: a notebook is a JSON object, not \[\]$/],
    ['null', /^x\.ipynb: a notebook is a JSON object, not null$/],
    ['"text"', /^x\.ipynb: a notebook is a JSON object, not "text"$/],
    ['4', /^x\.ipynb: a notebook is a JSON object, not 4$/],
    [JSON.stringify({ nbformat: 3, cells: [] }), /^x\.ipynb: nbformat must be 4, not 3 \(open and save it in Jupyter/],
    [JSON.stringify({ nbformat: '4', cells: [] }), /^x\.ipynb: nbformat must be 4, not "4"$/],
    [JSON.stringify({ nbformat: 4 }), /^x\.ipynb: "cells" must be a list, not undefined$/],
    [JSON.stringify({ nbformat: 4, cells: {} }), /^x\.ipynb: "cells" must be a list, not \{\}$/],
    [nb([], { metadata: 'm' }), /^x\.ipynb: "metadata" must be an object, not "m"$/],
    // A cell.
    [nb([markdown('ok'), null]), /^x\.ipynb: cell 2: a cell must be an object, not null$/],
    [nb([[markdown('ok')]]), /^x\.ipynb: cell 1: a cell must be an object, not \[/],
    [notebook([{ cell_type: 'heading', source: '' }]), /^x\.ipynb: cell 1: cell_type "heading"/],
    [notebook([markdown('ok'), { cell_type: 'markdown', source: 7 }]), /^x\.ipynb: cell 2: "source" must be a string or a list of strings, not 7$/],
    [notebook([{ cell_type: 'markdown' }]), /^x\.ipynb: cell 1: "source" must be a string or a list of strings, not undefined$/],
    [notebook([markdown(['a', 2])]), /^x\.ipynb: cell 1: "source" must be a string or a list of strings, not \["a",2\]$/],
    [notebook([{ ...markdown('a'), metadata: [] }]), /^x\.ipynb: cell 1: "metadata" must be an object, not \[\]$/],
    [notebook([markdown('a', 'rope-decay')]), /^x\.ipynb: cell 1: metadata\.posenc must be an object, not "rope-decay"$/],
    [notebook([{ ...markdown('a'), metadata: { posenc: null } }]), /^x\.ipynb: cell 1: metadata\.posenc must be an object, not null$/],
    [notebook([markdown('ok'), markdown('c', { widget: 'no-such-widget' })]), /^x\.ipynb: cell 2: metadata\.posenc\.widget is "no-such-widget"; allowed: sum-of-embeddings/],
    [notebook([markdown('c', { widget: ['rope-decay'] })]), /^x\.ipynb: cell 1: metadata\.posenc\.widget is \["rope-decay"\]/],
    [notebook([markdown('c', { widget: 'rope-decay', attributes: 'dim=1' })]), /^x\.ipynb: cell 1: metadata\.posenc\.attributes must be an object/],
    [notebook([markdown('c', { widget: 'rope-decay', attributes: { Dim: 1 } })]), /^x\.ipynb: cell 1: widget attribute name "Dim" is not kebab-case/],
    [notebook([markdown('c', { widget: 'rope-decay', attributes: { onclick: 'alert(1)' } })]), /^x\.ipynb: cell 1: widget attribute name "onclick" is an HTML attribute/],
    [notebook([markdown('c', { widget: 'rope-decay', attributes: { style: 'display:none' } })]), /^x\.ipynb: cell 1: widget attribute name "style" is an HTML attribute/],
    [notebook([markdown('c', { widget: 'rope-decay', attributes: { dim: [1] } })]), /^x\.ipynb: cell 1: widget attribute dim = \[1\]/],
    [notebook([markdown('c', { caption: 'yes' })]), /^x\.ipynb: cell 1: metadata\.posenc\.caption must be true/],
    // Outputs.
    [nb([markdown('ok'), code('x', {})]), /^x\.ipynb: cell 2: "outputs" must be a list, not \{\}$/],
    [out('stdout'), /^x\.ipynb: cell 2: output 1 must be an object, not "stdout"$/],
    [out({ output_type: 'pager' }), /^x\.ipynb: cell 2: output 1: output_type "pager" is not one of stream, display_data, execute_result, error$/],
    [out({ output_type: 'stream', name: 'stdout', text: 5 }), /^x\.ipynb: cell 2: output 1: stream "text" must be/],
    [out({ output_type: 'stream', name: '<b>', text: '' }), /^x\.ipynb: cell 2: output 1: stream "name" must be "stdout" or "stderr", not "<b>"$/],
    [out({ output_type: 'display_data', metadata: {} }), /^x\.ipynb: cell 2: output 1: display_data "data" must be an object/],
    [out({ output_type: 'execute_result', data: [] }), /^x\.ipynb: cell 2: output 1: execute_result "data" must be an object/],
    [out({ output_type: 'display_data', data: { 'image/png': `${png}" onerror="alert(1)` } }), /^x\.ipynb: cell 2: output 1: image\/png must be base64/],
    [out({ output_type: 'display_data', data: { 'image/jpeg': '<svg>' } }), /^x\.ipynb: cell 2: output 1: image\/jpeg must be base64/],
    [out({ output_type: 'display_data', data: { 'image/png': 'abc' } }), /^x\.ipynb: cell 2: output 1: image\/png must be base64/],
    [out({ output_type: 'display_data', data: { 'image/png': { a: 1 } } }), /^x\.ipynb: cell 2: output 1: image\/png must be base64/],
    [out({ output_type: 'display_data', data: { 'text/plain': 1e999 } }), /^x\.ipynb: cell 2: output 1: text\/plain must be a string/],
    [out({ output_type: 'display_data', data: { 'image/svg+xml': null } }), /^x\.ipynb: cell 2: output 1: image\/svg\+xml must be a string/],
    [out({ output_type: 'error', ename: 'E', evalue: 'v' }), /^x\.ipynb: cell 2: output 1: error "traceback" must be a list of strings, not undefined$/],
    // Attachments.
    [notebook([{ ...markdown('a'), attachments: [] }]), /^x\.ipynb: cell 1: "attachments" must be an object/],
    [notebook([{ ...markdown('a'), attachments: { 'a.png': 'x' } }]), /^x\.ipynb: cell 1: attachment "a\.png" must be an object/],
    [notebook([{ ...markdown('a'), attachments: { 'a.html': { 'text/html': '<b>' } } }]), /^x\.ipynb: cell 1: attachment "a\.html": type "text\/html" is not one the site shows/],
    [notebook([{ ...markdown('a'), attachments: { 'a.png': { 'image/png': '"><script>' } } }]), /^x\.ipynb: cell 1: attachment "a\.png": image\/png must be base64/],
    // Deep or huge values are cut short in the message.
    [notebook([markdown('c', { widget: 'DEEP' })]).replace('"DEEP"', `${'['.repeat(20000)}${']'.repeat(20000)}`), /^x\.ipynb: cell 1: metadata\.posenc\.widget is \[\[\[\[\.\.\.\]\]\]\]; allowed/],
    [notebook([markdown('c', { widget: 'x'.repeat(1e6) })]), /^x\.ipynb: cell 1: metadata\.posenc\.widget is "x{56}\.\.\.; allowed/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseNotebook(text, 'x.ipynb'), (e) => e instanceof NotebookError && message.test(e.message), `${String(message)} for ${text.slice(0, 80)}`);
  }
});

test('build.mjs: a malformed notebook exits non-zero with one line naming the file and the cell', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'posenc-bad-'));
  try {
    writeFileSync(path.join(dir, 'bad.ipynb'), notebook([markdown('# t'), code('x', [{ output_type: 'display_data', data: { 'image/png': '"><img onerror=alert(1)>' } }])]));
    const run = spawnSync(process.execPath, [path.join(ROOT, 'web/site/build.mjs'), '--no-execute', '--notebooks', dir, '--out', path.join(dir, 'dist')], { encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /^build:site: \S*bad\.ipynb: cell 2: output 1: image\/png must be base64 .*\n$/);
    assert.equal(run.stderr.split('\n').length, 2, 'one line');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a TeX error names the file and the cell', () => {
  assert.throws(() => render([markdown('fine $a$'), markdown('broken $\\frac{1}{$ here')]),
    (e) => e instanceof NotebookError && /^x\.ipynb: cell 2: KaTeX parse error/.test(e.message));
});

test('the build stops on a missing core, saying what to run', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'posenc-site-'));
  try {
    await assert.rejects(build({ notebooks: dir, out: path.join(dir, 'dist'), wasm: path.join(dir, 'none.js'), execute: false }),
      /none\.js is missing: run `npm run build:wasm`/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('execute.py: a failing cell stops with the notebook, the cell number and the exception', { timeout: 120000 }, (t) => {
  if (spawnSync('/usr/bin/python3', ['-c', 'import nbclient, ipykernel']).status !== 0) {
    t.skip('no nbclient/ipykernel for /usr/bin/python3: run `npm run setup`');
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'posenc-exec-'));
  try {
    const file = path.join(dir, 'bad.ipynb');
    writeFileSync(file, notebook([markdown('# t'), code('x = 1'), code('x / 0')]));
    const run = spawnSync('/usr/bin/python3', [path.join(ROOT, 'web/site/execute.py'), path.join(dir, 'out'), file], { encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /bad\.ipynb: cell 3: execution failed: ZeroDivisionError/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
