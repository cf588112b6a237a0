// Reads a Jupyter notebook (nbformat 4) and checks the parts the site builder
// uses, so that a malformed notebook stops the build with its file and cell
// number (1-based, in file order, as a reader counts cells in Jupyter) instead
// of producing a broken page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkAttachments, checkOutputs, describe, isObject, multiline } from './notebook-parts.mjs';

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
// Kebab-case names that mean something to the browser on any element (event
// handlers run script; the rest restyle, move or hide it): never a widget parameter.
const HTML_GLOBAL = /^(on.*|style|class|id|is|slot|part|exportparts|tabindex|hidden|inert|popover|contenteditable|autofocus|accesskey|nonce)$/;

/** A cell's source as one string (nbformat allows a string or a list of lines). */
function sourceText(cell, fail) {
  const text = multiline(cell.source);
  return text ?? fail(`"source" must be a string or a list of strings, not ${describe(cell.source)}`);
}

/** The widget of a cell's metadata.posenc, checked: {name, attributes: [[key, text]]} or null. */
function widgetOf(meta, fail) {
  if (meta === undefined || meta.widget === undefined) return null;
  const { widget: name, attributes = {} } = meta;
  if (!WIDGETS.includes(name)) {
    return fail(`metadata.posenc.widget is ${describe(name)}; allowed: ${WIDGETS.join(', ')}`);
  }
  if (!isObject(attributes)) {
    return fail(`metadata.posenc.attributes must be an object of attribute -> value, not ${describe(attributes)}`);
  }
  const pairs = Object.entries(attributes).map(([key, value]) => {
    if (!ATTRIBUTE.test(key)) fail(`widget attribute name ${describe(key)} is not kebab-case (a-z, 0-9, -)`);
    if (HTML_GLOBAL.test(key)) fail(`widget attribute name ${describe(key)} is an HTML attribute (event handler, style, id ...), not a widget parameter`);
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      fail(`widget attribute ${key} = ${describe(value)}: a value must be a string, number or boolean`);
    }
    return [key, String(value)];
  });
  return { name, attributes: pairs };
}

/**
 * Parses and checks the notebook text `text` of `file` (a path used in messages);
 * returns {cells: [{index, type, source, widget, caption, outputs, attachments}],
 * metadata}: `outputs` and `attachments` as notebook-parts.mjs checks them.
 * A widget is a markdown cell (its source is the caption) or a code cell (it shows
 * the figure in Jupyter; its output is not the site's) followed by a caption cell
 * (`caption`: true). Throws a NotebookError naming the file and cell for anything
 * the builder cannot render.
 */
export function parseNotebook(text, file) {
  const whole = (message) => { throw new NotebookError(file, 0, message); };
  if (typeof text !== 'string') whole(`the notebook text must be a string, not ${describe(text)}`);
  if (text.startsWith('\uFEFF')) whole('starts with a byte-order mark (U+FEFF); save it as UTF-8 without one, as Jupyter does');
  let nb;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    whole(`not valid JSON (${e.message})`);
  }
  if (!isObject(nb)) whole(`a notebook is a JSON object, not ${describe(nb)}`);
  if (nb.nbformat !== 4) {
    whole(`nbformat must be 4, not ${describe(nb.nbformat)}${nb.nbformat === 3 ? ' (open and save it in Jupyter to convert it)' : ''}`);
  }
  if (nb.metadata !== undefined && !isObject(nb.metadata)) whole(`"metadata" must be an object, not ${describe(nb.metadata)}`);
  if (!Array.isArray(nb.cells)) whole(`"cells" must be a list, not ${describe(nb.cells)}`);
  const cells = nb.cells.map((cell, i) => {
    const fail = (message) => { throw new NotebookError(file, i + 1, message); };
    if (!isObject(cell)) fail(`a cell must be an object, not ${describe(cell)}`);
    if (!['markdown', 'code', 'raw'].includes(cell.cell_type)) {
      fail(`cell_type ${describe(cell.cell_type)} is not markdown, code or raw`);
    }
    const source = sourceText(cell, fail);
    if (cell.metadata !== undefined && !isObject(cell.metadata)) fail(`"metadata" must be an object, not ${describe(cell.metadata)}`);
    const meta = cell.metadata?.posenc;
    if (meta !== undefined && !isObject(meta)) fail(`metadata.posenc must be an object, not ${describe(meta)}`);
    const widget = cell.cell_type === 'raw' ? null : widgetOf(meta, fail);
    if (cell.cell_type === 'raw' && meta?.widget !== undefined) fail('a widget cell must be a code or markdown cell');
    const caption = meta?.caption !== undefined;
    if (caption && (meta.caption !== true || cell.cell_type !== 'markdown')) fail('metadata.posenc.caption must be true, on a markdown cell');
    const outputs = cell.cell_type === 'code' ? checkOutputs(cell.outputs, fail) : [];
    const attachments = cell.cell_type === 'code' ? {} : checkAttachments(cell.attachments, fail);
    return { index: i + 1, type: cell.cell_type, source, widget, caption, outputs, attachments };
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
