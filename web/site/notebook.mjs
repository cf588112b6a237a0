// Reads a Jupyter notebook (nbformat 4) and checks the parts the site builder
// uses, so that a malformed notebook stops the build with its file and cell
// number (1-based, in file order, as a reader counts cells in Jupyter) instead
// of producing a broken page.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** An error that names the notebook (relative path) and, when known, the cell. */
export class NotebookError extends Error {
  constructor(file, cell, message) {
    super(`${file}${cell ? `: cell ${cell}` : ''}: ${message}`);
    this.name = 'NotebookError';
    this.file = file;
    this.cell = cell;
  }
}

// The widget names of the shared contract (custom element `posenc-<name>`).
export const WIDGETS = ['sum-of-embeddings', 'naive-index', 'naive-normalized', 'naive-random', 'learned-table',
  'sinusoidal-heatmap', 'sinusoidal-similarity', 'relative-matrix', 't5-buckets', 'rope-rotation', 'rope-decay',
  'alibi-bias', 'fire-bias', 'conv-position', 'nope-permutation', 'orthogonality', 'requirements-table',
  'attention-map', 'extrapolation-lab'];

const ATTRIBUTE = /^[a-z][a-z0-9-]*$/;

/** A cell's source as one string (nbformat allows a string or a list of lines). */
function sourceText(cell, fail) {
  if (typeof cell.source === 'string') return cell.source;
  if (Array.isArray(cell.source) && cell.source.every((s) => typeof s === 'string')) return cell.source.join('');
  return fail('"source" must be a string or a list of strings');
}

/** The widget of a cell's metadata.posenc, checked: {name, attributes: [[key, text]]} or null. */
function widgetOf(meta, fail) {
  if (meta === undefined || meta.widget === undefined) return null;
  const { widget: name, attributes = {} } = meta;
  if (!WIDGETS.includes(name)) {
    return fail(`metadata.posenc.widget is ${JSON.stringify(name)}; allowed: ${WIDGETS.join(', ')}`);
  }
  if (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes)) {
    return fail('metadata.posenc.attributes must be an object of attribute -> value');
  }
  const pairs = Object.entries(attributes).map(([key, value]) => {
    if (!ATTRIBUTE.test(key)) fail(`widget attribute name ${JSON.stringify(key)} is not kebab-case (a-z, 0-9, -)`);
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      fail(`widget attribute ${key} = ${JSON.stringify(value)}: a value must be a string, number or boolean`);
    }
    return [key, String(value)];
  });
  return { name, attributes: pairs };
}

/**
 * Parses and checks the notebook text `text` of `file` (a path used in messages);
 * returns {cells: [{index, type, source, widget, caption, outputs}], metadata}.
 * A widget is a markdown cell (its source is the caption) or a code cell (it shows
 * the figure in Jupyter; its output is not the site's) followed by a caption cell
 * (`caption`: true). Throws a NotebookError naming the file and cell for anything
 * the builder cannot render.
 */
export function parseNotebook(text, file) {
  let nb;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    throw new NotebookError(file, 0, `not valid JSON (${e.message})`);
  }
  if (nb === null || typeof nb !== 'object' || nb.nbformat !== 4) {
    throw new NotebookError(file, 0, `nbformat must be 4, not ${JSON.stringify(nb?.nbformat)}`);
  }
  if (!Array.isArray(nb.cells)) throw new NotebookError(file, 0, '"cells" must be a list');
  const cells = nb.cells.map((cell, i) => {
    const fail = (message) => { throw new NotebookError(file, i + 1, message); };
    if (cell === null || typeof cell !== 'object') fail('a cell must be an object');
    if (!['markdown', 'code', 'raw'].includes(cell.cell_type)) {
      fail(`cell_type ${JSON.stringify(cell.cell_type)} is not markdown, code or raw`);
    }
    const source = sourceText(cell, fail);
    const meta = cell.metadata?.posenc;
    const widget = cell.cell_type === 'raw' ? null : widgetOf(meta, fail);
    if (cell.cell_type === 'raw' && meta?.widget !== undefined) fail('a widget cell must be a code or markdown cell');
    const caption = meta?.caption !== undefined;
    if (caption && (meta.caption !== true || cell.cell_type !== 'markdown')) fail('metadata.posenc.caption must be true, on a markdown cell');
    const outputs = cell.cell_type === 'code' ? cell.outputs ?? [] : [];
    if (!Array.isArray(outputs)) fail('"outputs" must be a list');
    return { index: i + 1, type: cell.cell_type, source, widget, caption, outputs };
  });
  // A widget code cell and its caption cell come as a pair (notebooks/README.md).
  cells.forEach((cell, i) => {
    const live = (c) => c && c.type === 'code' && c.widget;
    if (live(cell) && !cells[i + 1]?.caption) {
      throw new NotebookError(file, cell.index, `widget ${cell.widget.name}: the next cell must be its caption (markdown, metadata {"posenc": {"caption": true}})`);
    }
    if (cell.caption && !live(cells[i - 1])) throw new NotebookError(file, cell.index, 'a caption cell must follow a widget code cell');
  });
  return { cells, metadata: nb.metadata ?? {} };
}

/** Reads and parses one notebook file; `root` makes the path in messages relative. */
export function readNotebook(file, root = process.cwd()) {
  return parseNotebook(readFileSync(file, 'utf8'), path.relative(root, file) || file);
}
