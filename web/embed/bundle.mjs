// The embed build: one self-contained classic script, posenc-widgets.js (the
// WebAssembly core with its binary inside as base64, then every widget of
// web/widgets/index.js, registered as posenc-<name>), and the iframe route
// embed.html + posenc-embed.js (one widget alone, named in the URL's hash).
//
//   node web/embed/bundle.mjs    -> build/web/posenc-widgets.js, embed.html, posenc-embed.js
//   import { writeEmbedFiles } from './web/embed/bundle.mjs'; await writeEmbedFiles('dist');
//
// Loading posenc-widgets.js twice, or on a page that already has posenc.js, is
// harmless: the core part runs only when no global `posenc` with a load() exists
// yet, and define() skips a custom element name that is already taken; every
// widget asks the one global `posenc.load()`, which makes one module instance.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
/** The core as the wasm build makes it (SINGLE_FILE, classic MODULARIZE, no eval). */
export const CORE = path.join(ROOT, 'build/wasm/posenc.js');
const WIDGETS = path.join(ROOT, 'web/widgets/index.js');
/** Where `node web/embed/bundle.mjs` writes. */
export const OUT_DIR = path.join(ROOT, 'build/web');

/**
 * The widget names index.js registers, in its order: each `define('<name>', ...)`
 * call (the element is posenc-<name>). Read from the source, so the iframe route
 * and the embedding page list exactly what the bundle defines.
 */
export function widgetNames(indexJs = WIDGETS) {
  const names = [...readFileSync(indexJs, 'utf8').matchAll(/^\s*define\(\s*'([a-z0-9-]+)'/gm)].map((m) => m[1]);
  if (!names.length) throw new Error(`${path.relative(ROOT, indexJs)}: no define('<name>', ...) line found`);
  return names;
}

// The core, run only where no core is loaded yet. Inside a function its top-level
// `var`s stay local; its API still sets the global `posenc` (api.js). Shadowed
// (undefined) inside: `define`, `module` and `exports`, so an AMD loader on the
// host page (RequireJS, as in Moodle) gets no anonymous define() and the global
// is set; and `fetch`, so Emscripten decodes its data: URI binary in place
// instead of fetching it (a fetch of data: is a connect-src violation under
// `default-src 'self'`). Not minified: posenc.workerSource() rebuilds a Worker
// script from the functions' own text.
function guardedCore(source) {
  return '(function (define, module, exports, fetch) {\n' +
    "if (globalThis.posenc && typeof globalThis.posenc.load === 'function') return; // already loaded\n" +
    source + '\n})();\n';
}

async function esbuildIife(entry, define = {}) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry], bundle: true, format: 'iife', target: 'es2020', minify: true,
    legalComments: 'none', logLevel: 'silent', write: false, define,
  }).catch((e) => { throw new Error(`esbuild ${path.relative(ROOT, entry)}: ${e.message}`); });
  return result.outputFiles[0].text;
}

/**
 * Builds posenc-widgets.js at `out`: a banner, the guarded core, the minified
 * widgets (esbuild, iife, es2020). Throws, saying what to run, when the core has
 * not been built. Resolves to {file, bytes, widgets: [names]}.
 */
export async function buildWidgetsBundle({ out = path.join(OUT_DIR, 'posenc-widgets.js'), core = CORE } = {}) {
  if (!existsSync(core)) throw new Error(`${path.relative(ROOT, core)} is missing: run \`npm run build:wasm\``);
  const names = widgetNames();
  const text = `/*! posenc-widgets.js: the posenc core (WebAssembly inside) and ${names.length} widgets, ` +
    'posenc-<name> custom elements. One <script src> per page; see web/embed/README.md. */\n' +
    guardedCore(readFileSync(core, 'utf8')) + (await esbuildIife(WIDGETS));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, text);
  return { file: out, bytes: Buffer.byteLength(text), widgets: names };
}

/**
 * Writes the embed files into `distDir`: posenc-widgets.js, embed.html (the
 * iframe route: `embed.html#<widget>?<attribute>=<value>&...`) and
 * posenc-embed.js (its script, which knows the widget names). Resolves to the
 * paths written.
 */
export async function writeEmbedFiles(distDir) {
  const { file, widgets } = await buildWidgetsBundle({ out: path.join(distDir, 'posenc-widgets.js') });
  const route = path.join(distDir, 'posenc-embed.js');
  writeFileSync(route, await esbuildIife(path.join(HERE, 'embed.js'), { POSENC_WIDGET_NAMES: JSON.stringify(widgets) }));
  const page = path.join(distDir, 'embed.html');
  copyFileSync(path.join(HERE, 'embed.html'), page);
  return [file, page, route];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const files = await writeEmbedFiles(OUT_DIR);
    for (const f of files) console.log(`wrote ${path.relative(process.cwd(), f)} (${readFileSync(f).length} bytes)`);
  } catch (e) {
    console.error(`web/embed/bundle.mjs: ${e.message}`);
    process.exit(1);
  }
}
