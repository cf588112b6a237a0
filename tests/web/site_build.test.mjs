// The site builder's parts (web/site/), without a browser and without dist/:
// math delimiters become KaTeX HTML + MathML (and dollar amounts stay text), raw
// HTML in markdown stays text, widget cells become the contract's figure with
// attributes escaped, outputs are shown, headings get unique ids, notebook links
// point at pages, and a malformed notebook, a TeX error, a failing cell or a
// missing core stops the build with a message naming the file and the cell.
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

test('a malformed notebook names the file and the cell', () => {
  const cases = [
    ['{"cells": [', /^x\.ipynb: not valid JSON/],
    [JSON.stringify({ nbformat: 3, cells: [] }), /^x\.ipynb: nbformat must be 4, not 3/],
    [notebook([markdown('ok'), { cell_type: 'markdown', source: 7 }]), /^x\.ipynb: cell 2: "source" must be/],
    [notebook([markdown('ok'), markdown('c', { widget: 'no-such-widget' })]), /^x\.ipynb: cell 2: metadata\.posenc\.widget is "no-such-widget"; allowed: sum-of-embeddings/],
    [notebook([markdown('c', { widget: 'rope-decay', attributes: { Dim: 1 } })]), /^x\.ipynb: cell 1: widget attribute name "Dim" is not kebab-case/],
    [notebook([markdown('c', { widget: 'rope-decay', attributes: { dim: [1] } })]), /^x\.ipynb: cell 1: widget attribute dim = \[1\]/],
    [notebook([{ cell_type: 'heading', source: '' }]), /^x\.ipynb: cell 1: cell_type "heading"/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseNotebook(text, 'x.ipynb'), (e) => e instanceof NotebookError && message.test(e.message), String(message));
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
