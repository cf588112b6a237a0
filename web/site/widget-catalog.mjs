// What the embedding page says about the widgets, read from the widgets' own
// sources at build time, so nothing is listed twice by hand:
//   - each widget's name and parameters: web/widgets/index.js is bundled (esbuild)
//     and run in a Node vm whose `customElements.define` records every class it
//     registers; the parameters are each class's `static params` (params.js);
//   - the theming custom properties and their light/dark defaults: the
//     `var(--posenc-*, default)` uses in the shadow stylesheet (style.js);
//   - the ::part names: the list in style.js's header comment and every part a
//     widget's source sets (the embedding page's test holds this to the parts
//     the live widgets actually have).
import vm from 'node:vm';
import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { ROOT } from './assets.mjs';

const INDEX = path.join(ROOT, 'web/widgets/index.js');
const STYLE = path.join(ROOT, 'web/widgets/style.js');

/**
 * Every registered widget in index.js order: [{name, params: [{name, allowed,
 * default, label, control}]}], `allowed` and `default` in params.js's own words
 * ("integer in [1, 512]"). Throws (naming the file) when the bundle does not
 * build or run.
 */
export async function readWidgets(entry = INDEX) {
  const esbuild = await import('esbuild');
  const dir = path.dirname(entry);
  const result = await esbuild.build({
    stdin: { contents: `import './${path.basename(entry)}'; export { allowed, format } from './params.js';`, resolveDir: dir, loader: 'js' },
    bundle: true, format: 'iife', globalName: 'catalog', target: 'es2020', write: false, logLevel: 'silent',
  }).catch((e) => { throw new Error(`esbuild ${path.relative(ROOT, entry)}: ${e.message}`); });
  const defined = [];
  const sandbox = {
    HTMLElement: class {},
    customElements: { get: (tag) => defined.find((d) => d.tag === tag)?.cls, define: (tag, cls) => defined.push({ tag, cls }) },
  };
  try {
    vm.runInNewContext(result.outputFiles[0].text, sandbox, { filename: path.relative(ROOT, entry) });
  } catch (e) {
    throw new Error(`${path.relative(ROOT, entry)}: reading the widgets' parameters failed: ${e.message}`);
  }
  const { allowed, format } = sandbox.catalog;
  // A parameter type params.js does not know yet (a widget in progress) is shown by its spec, not dropped.
  const words = (fn, spec, fallback) => { try { return fn(spec); } catch { return fallback; } };
  const raw = (spec) => `${spec.type}: ${JSON.stringify(Object.fromEntries(Object.entries(spec).filter(([k]) => !['type', 'label', 'default', 'control'].includes(k))))}`;
  return defined.map(({ tag, cls }) => ({
    name: tag.replace(/^posenc-/, ''),
    params: Object.entries(cls.params ?? {}).map(([name, spec]) => ({
      name, allowed: words(allowed, spec, raw(spec)), default: words((x) => format(x, x.default), spec, String(spec.default)), label: spec.label ?? '', control: spec.control !== false,
    })),
  }));
}

/**
 * The --posenc-* custom properties of the shadow stylesheet: [{name, light, dark}],
 * `dark` only where the dark scheme has its own default.
 */
export function themeProperties(styleSource = readFileSync(STYLE, 'utf8')) {
  const [light, dark = ''] = styleSource.split('prefers-color-scheme: dark');
  const uses = (text) => new Map([...text.matchAll(/var\((--posenc-[a-z-]+),\s*([^;]*?)\)(?=;|\/)/g)].map((m) => [m[1], m[2].trim()]));
  const l = uses(light);
  const d = uses(dark);
  return [...l].map(([name, value]) => ({ name, light: value, dark: d.get(name) ?? null }));
}

/**
 * The ::part names: those style.js's header comment lists ("the ::part() names (a,
 * b, ...)"), in its order, then any other part a widget's source sets
 * (`this.part(tag, 'name')`, `setAttribute('part', 'name')`, `part: 'name'`).
 */
export function partNames(styleSource = readFileSync(STYLE, 'utf8'), dir = path.dirname(STYLE)) {
  const m = /::part\(\) names \(([^)]*)\)/.exec(styleSource.replace(/\n\/\/ ?/g, ' '));
  if (!m) throw new Error('web/widgets/style.js: its header comment no longer lists "the ::part() names (...)"');
  const listed = m[1].split(',').map((s) => s.trim()).filter(Boolean);
  const set = /\.part\(\s*'[a-z]+'\s*,\s*'([a-z-]+)'|setAttribute\(\s*'part'\s*,\s*'([a-z-]+)'|\bpart:\s*'([a-z-]+)'/g;
  const used = readdirSync(dir).filter((f) => f.endsWith('.js')).sort()
    .flatMap((f) => [...readFileSync(path.join(dir, f), 'utf8').matchAll(set)].map((x) => x[1] || x[2] || x[3]));
  return [...new Set([...listed, ...used])];
}
