// The files every page loads, written under dist/assets/: the site's styles and
// icon, KaTeX's stylesheet and fonts, highlight.js's colours (light, and dark by
// prefers-color-scheme), the WebAssembly core (a copy of build/wasm/posenc.js)
// and the widgets (an esbuild bundle of web/widgets/index.js). Nothing is
// fetched from the network at run time.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
const KATEX = path.dirname(require.resolve('katex/dist/katex.min.css'));
const HLJS_STYLES = path.join(path.dirname(require.resolve('highlight.js/package.json')), 'styles');

/** Copies KaTeX's CSS and its woff2 fonts (every browser that runs the wasm core reads woff2). */
function copyKatex(assets) {
  const dir = path.join(assets, 'katex');
  mkdirSync(path.join(dir, 'fonts'), { recursive: true });
  // Only woff2 is shipped, so the @font-face lists name only woff2: no request for a missing fallback.
  const css = readFileSync(path.join(KATEX, 'katex.min.css'), 'utf8')
    .replace(/,url\(fonts\/[^)]+\.woff\) format\("woff"\),url\(fonts\/[^)]+\.ttf\) format\("truetype"\)/g, '');
  if (/\.ttf|\.woff\)/.test(css)) throw new Error('katex.min.css: unexpected @font-face form; update copyKatex in web/site/assets.mjs');
  writeFileSync(path.join(dir, 'katex.min.css'), css);
  for (const f of readdirSync(path.join(KATEX, 'fonts')).filter((f) => f.endsWith('.woff2'))) {
    copyFileSync(path.join(KATEX, 'fonts', f), path.join(dir, 'fonts', f));
  }
}

/**
 * highlight.js's a11y themes, the dark one under prefers-color-scheme: dark. The
 * light theme's blue (#007faa) meets 4.5:1 only on pure white; on the site's code
 * background (#f6f7f9) it is 4.3:1, so it is darkened to #00698c (5.7:1).
 */
function writeHighlightCss(assets) {
  const light = readFileSync(path.join(HLJS_STYLES, 'a11y-light.min.css'), 'utf8').replaceAll('#007faa', '#00698c');
  const dark = readFileSync(path.join(HLJS_STYLES, 'a11y-dark.min.css'), 'utf8');
  writeFileSync(path.join(assets, 'highlight.css'), `${light}\n@media (prefers-color-scheme: dark){${dark}}\n`);
}

/** Copies the core; a missing build is an error that says what to run. */
function copyCore(assets, wasm) {
  if (!existsSync(wasm)) throw new Error(`${path.relative(ROOT, wasm)} is missing: run \`npm run build:wasm\``);
  copyFileSync(wasm, path.join(assets, 'posenc.js'));
}

/**
 * Bundles the widgets with esbuild (iife, es2020, classic script: works from
 * file://). Without web/widgets/index.js the bundle is empty and a warning is
 * returned, so the pages still build (their figures stay placeholders).
 */
async function bundleWidgets(assets, entry) {
  const outfile = path.join(assets, 'widgets.js');
  if (!existsSync(entry)) {
    writeFileSync(outfile, `/* ${path.relative(ROOT, entry)} is missing: no widgets in this build. */\n`);
    return [`${path.relative(ROOT, entry)} is missing: dist/assets/widgets.js is empty, the figures will not draw`];
  }
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry], outfile, bundle: true, format: 'iife', target: 'es2020', minify: true,
    legalComments: 'none', logLevel: 'silent',
  }).catch((e) => { throw new Error(`esbuild ${path.relative(ROOT, entry)}: ${e.message}`); });
  return result.warnings.map((w) => `esbuild: ${w.text}`);
}

/** Writes dist/assets/; resolves to the warnings to print. */
export async function writeAssets(out, { wasm, widgets }) {
  const assets = path.join(out, 'assets');
  mkdirSync(assets, { recursive: true });
  copyCore(assets, wasm);
  copyKatex(assets);
  writeHighlightCss(assets);
  for (const f of ['site.css', 'favicon.svg']) copyFileSync(path.join(HERE, f), path.join(assets, f));
  return bundleWidgets(assets, widgets);
}
