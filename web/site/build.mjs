// npm run build:site: notebooks/*.ipynb (file order) -> dist/<name>.html,
// dist/embedding.html (embedding.mjs) and dist/index.html, with dist/assets/
// (assets.mjs), the embed files posenc-widgets.js and embed.html
// (web/embed/bundle.mjs) and dist/examples/ (a copy of web/examples/).
//
//   node web/site/build.mjs [--no-execute] [--notebooks DIR] [--out DIR] [--executed DIR]
//
// Each notebook is first checked (notebook.mjs: a malformed one stops the build
// naming file and cell), then executed by web/site/execute.py under Debian's
// /usr/bin/python3 into build/notebooks/ (cached by the notebook's hash), and the
// executed copy is rendered, so each code cell shows its output. --no-execute
// renders the notebooks as they are (committed without outputs: no outputs).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readNotebook, NotebookError } from './notebook.mjs';
import { renderNotebook } from './render.mjs';
import { chapterPage, indexPage } from './template.mjs';
import { writeAssets, ROOT } from './assets.mjs';
import { embeddingPage, writeEmbeddingScript } from './embedding.mjs';
import { buildWidgetsBundle, writeEmbedFiles } from '../embed/bundle.mjs';

const PYTHON = process.env.POSENC_PYTHON || '/usr/bin/python3';

/** Where things are; every path may be overridden (tests build throwaway notebooks elsewhere). */
export const DEFAULTS = {
  notebooks: path.join(ROOT, 'notebooks'),
  out: path.join(ROOT, 'dist'),
  executed: path.join(ROOT, 'build/notebooks'),
  wasm: path.join(ROOT, 'build/wasm/posenc.js'),
  widgets: path.join(ROOT, 'web/widgets/index.js'),
  widgetsJs: path.join(ROOT, 'build/web/posenc-widgets.js'), // what the chapters' show() cells embed
  examples: path.join(ROOT, 'web/examples'),
  execute: true,
};

/** The notebooks of `dir` in file order (by name: 01-..., 02-...). */
export const listNotebooks = (dir) => (existsSync(dir) ? readdirSync(dir) : [])
  .filter((f) => f.endsWith('.ipynb')).sort().map((f) => path.join(dir, f));

// Runs execute.py on the notebooks; a failure throws its own line (notebook and cell).
function execute(files, executedDir) {
  const run = spawnSync(PYTHON, [path.join(ROOT, 'web/site/execute.py'), executedDir, ...files.map((f) => path.relative(ROOT, f))],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (run.error) throw new Error(`cannot run ${PYTHON} (${run.error.code}): run \`npm run setup\`, or set POSENC_PYTHON`);
  if (run.status !== 0) {
    throw new Error(run.stderr.trim().split('\n').filter((l) => l.trim()).at(-1) || `execute.py exited with ${run.status}`);
  }
}

/**
 * Builds the site; resolves to {pages: [file], warnings: [text]}. Throws (with
 * file and cell where there is one) on a malformed notebook, a failing cell, a
 * TeX error, a missing core or a widget bundle that does not compile.
 */
export async function build(options = {}) {
  const o = { ...DEFAULTS, ...options };
  const files = listNotebooks(o.notebooks);
  for (const f of files) readNotebook(f, ROOT); // check every notebook before the slow part
  if (o.execute && files.length) {
    // The chapters' widget cells call show(), which embeds posenc-widgets.js (notebooks/posenc_widget.py).
    if (!process.env.POSENC_WIDGETS_JS && !existsSync(o.widgetsJs)) await buildWidgetsBundle({ out: o.widgetsJs });
    execute(files, o.executed);
  }

  const uses = new Map(); // widget name -> its first figure in a chapter, for the embedding page
  const chapters = files.map((file) => {
    const name = path.basename(file, '.ipynb');
    const source = path.relative(ROOT, file);
    const executed = path.join(o.executed, `${name}.ipynb`);
    const nb = readNotebook(o.execute ? executed : file, ROOT);
    const chapter = { name, href: `${name}.html`, ...renderNotebook(nb, source, name) };
    for (const { widget } of nb.cells) if (widget && !uses.has(widget.name)) uses.set(widget.name, { ...widget, href: chapter.href, title: chapter.title });
    return chapter;
  });

  rmSync(o.out, { recursive: true, force: true }); // no page of a removed notebook survives
  mkdirSync(o.out, { recursive: true });
  const warnings = chapters.flatMap((c) => c.warnings);
  warnings.push(...await writeAssets(o.out, o));
  // The embed route's files (posenc-widgets.js, embed.html), the embedding page after the chapters, the example course.
  await writeEmbedFiles(o.out);
  await writeEmbeddingScript(o.out);
  const pages = [...chapters, await embeddingPage(uses, path.join(o.out, 'posenc-widgets.js'))];
  if (existsSync(o.examples)) cpSync(o.examples, path.join(o.out, 'examples'), { recursive: true });
  for (const c of pages) writeFileSync(path.join(o.out, c.href), chapterPage(pages, c));
  writeFileSync(path.join(o.out, 'index.html'), indexPage(pages));
  return { pages: ['index.html', ...pages.map((c) => c.href)], warnings };
}

// The command line: flags -> options.
function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--no-execute') options.execute = false;
    else if (['--notebooks', '--out', '--executed'].includes(flag) && argv[i + 1]) options[flag.slice(2)] = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${JSON.stringify(flag)}; usage: build.mjs [--no-execute] [--notebooks DIR] [--out DIR] [--executed DIR]`);
  }
  return options;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const options = parseArgs(process.argv.slice(2));
    const { pages, warnings } = await build(options);
    for (const w of warnings) console.warn(`build:site: warning: ${w}`);
    console.log(`build:site: ${pages.length} pages in ${path.relative(process.cwd(), options.out ?? DEFAULTS.out) || '.'}/ (${pages.join(', ')})`);
  } catch (e) {
    console.error(`build:site: ${e instanceof NotebookError ? '' : 'error: '}${e.message}`);
    process.exit(1);
  }
}
