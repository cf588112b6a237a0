// The notebook route's copy-paste snippet, as text: a call of show() from
// notebooks/posenc_widget.py. Used at build time (the embedding page's first
// text) and in the page (the text after a control changes). No Node or DOM API.
//
//   notebookSnippet('rope-decay', {dim: '128', 'max-distance': '256'})
//     import posenc_widget
//     posenc_widget.show("rope-decay", dim=128, max_distance=256)

// Python's keywords that are also possible attribute names (kebab-case words): passed as **{...}.
const KEYWORDS = new Set(['and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const INT = /^-?(0|[1-9]\d*)$/;
const FLOAT = /^-?(0|[1-9]\d*)\.\d+([eE][+-]?\d+)?$|^-?(0|[1-9]\d*)[eE][+-]?\d+$/;

/**
 * A value as a Python literal that show() turns back into the same attribute
 * text: booleans and "true"/"false" as True/False, decimal numbers bare (no
 * leading zeros: `007` is not a Python literal), anything else a string literal
 * (JSON's escapes are valid in Python).
 */
export function pythonLiteral(value) {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  const text = String(value);
  if (text === 'true' || text === 'false') return text === 'true' ? 'True' : 'False';
  if (INT.test(text) || FLOAT.test(text)) return text;
  return JSON.stringify(text);
}

/**
 * `import posenc_widget` and the call that shows `widget` with
 * `attrs` ({attribute: value}, kebab-case names; null/undefined left out).
 * Throws, naming the argument and what is allowed, for a bad widget or attribute name.
 */
export function notebookSnippet(widget, attrs = {}) {
  if (typeof widget !== 'string' || !NAME.test(widget)) {
    throw new Error(`notebookSnippet: widget: got ${JSON.stringify(widget)}; allowed: a widget name such as "rope-decay"`);
  }
  const plain = [];
  const keyword = [];
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (!NAME.test(k)) throw new Error(`notebookSnippet: attrs: name ${JSON.stringify(k)}; allowed: lowercase words joined by hyphens`);
    const py = k.replace(/-/g, '_');
    if (KEYWORDS.has(py)) keyword.push(`${JSON.stringify(py)}: ${pythonLiteral(v)}`);
    else plain.push(`${py}=${pythonLiteral(v)}`);
  }
  const args = [JSON.stringify(widget), ...plain, ...(keyword.length ? [`**{${keyword.join(', ')}}`] : [])];
  return `import posenc_widget\nposenc_widget.show(${args.join(', ')})`;
}
