// The checks of a cell's outputs and attachments (nbformat 4's schema, the parts
// the site shows), for notebook.mjs. Each returns a clean copy holding only what
// the renderer uses, as plain strings, or calls `fail(message)` (which throws a
// NotebookError naming the file and the cell). Image data must be strict base64
// (safe-url.mjs isBase64), so it can stand in an attribute as it is.
import { IMAGE_TYPES, isBase64 } from './safe-url.mjs';

/**
 * `value` in a message: JSON-like, at most 60 characters, lists and objects cut
 * at 3 levels and 5 entries, so a huge or deeply nested value costs little.
 */
export function describe(value) {
  const show = (v, depth) => {
    if (v === undefined) return 'undefined';
    if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 60) : v);
    if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? String(v);
    const list = Array.isArray(v);
    if (depth === 0) return list ? '[...]' : '{...}';
    const entries = list ? v.slice(0, 5).map((x) => show(x, depth - 1))
      : Object.entries(v).slice(0, 5).map(([k, x]) => `${JSON.stringify(k)}:${show(x, depth - 1)}`);
    const more = (list ? v.length : Object.keys(v).length) > 5 ? ',...' : '';
    return list ? `[${entries.join(',')}${more}]` : `{${entries.join(',')}${more}}`;
  };
  const s = show(value, 3);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** True for a JSON object (not null, not a list). */
export const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** nbformat's "multiline string" (a string or a list of strings) as one string, or null. */
export function multiline(v) {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v.join('');
  return null;
}

const OUTPUT_TYPES = ['stream', 'display_data', 'execute_result', 'error'];
const IMAGES = ['image/png', 'image/jpeg']; // base64 in a notebook's output data
const TEXTS = ['image/svg+xml', 'text/plain']; // text in a notebook's output data

// An image's base64 with Jupyter's line breaks removed; fails unless strict base64.
function base64(v, where, fail) {
  const text = multiline(v);
  if (text === null || !isBase64(text)) fail(`${where} must be base64 (A-Z a-z 0-9 + / and = padding), not ${describe(v)}`);
  return text.replace(/\s+/g, '');
}

/**
 * A code cell's `outputs` (nbformat 4: a list of stream, display_data,
 * execute_result and error outputs) -> [{output_type, name?, text?, data?,
 * traceback?}] with `data` holding only image/png, image/jpeg, image/svg+xml and
 * text/plain. Other data types (text/html, application/javascript, widget
 * state ...) are dropped: the site never writes a notebook's HTML or script.
 */
export function checkOutputs(outputs, fail) {
  if (outputs === undefined) return [];
  if (!Array.isArray(outputs)) return fail(`"outputs" must be a list, not ${describe(outputs)}`);
  return outputs.map((out, k) => {
    const where = `output ${k + 1}`;
    if (!isObject(out)) fail(`${where} must be an object, not ${describe(out)}`);
    const type = out.output_type;
    if (!OUTPUT_TYPES.includes(type)) fail(`${where}: output_type ${describe(type)} is not one of ${OUTPUT_TYPES.join(', ')}`);
    if (type === 'stream') {
      const text = multiline(out.text);
      if (text === null) fail(`${where}: stream "text" must be a string or a list of strings, not ${describe(out.text)}`);
      if (!['stdout', 'stderr'].includes(out.name)) fail(`${where}: stream "name" must be "stdout" or "stderr", not ${describe(out.name)}`);
      return { output_type: type, name: out.name, text };
    }
    if (type === 'error') {
      const tb = out.traceback;
      if (!Array.isArray(tb) || !tb.every((s) => typeof s === 'string')) fail(`${where}: error "traceback" must be a list of strings, not ${describe(tb)}`);
      return { output_type: type, traceback: tb.join('\n') };
    }
    if (!isObject(out.data)) fail(`${where}: ${type} "data" must be an object of type -> content, not ${describe(out.data)}`);
    const data = {};
    for (const t of IMAGES) if (out.data[t] !== undefined) data[t] = base64(out.data[t], `${where}: ${t}`, fail);
    for (const t of TEXTS) {
      if (out.data[t] === undefined) continue;
      data[t] = multiline(out.data[t]);
      if (data[t] === null) fail(`${where}: ${t} must be a string or a list of strings, not ${describe(out.data[t])}`);
    }
    return { output_type: type, data };
  });
}

/**
 * A markdown cell's `attachments` (nbformat 4: {name: {type: base64 data}}, what
 * Jupyter stores for an image pasted into the cell) -> {name: {type, data}},
 * one image each, of IMAGE_TYPES, strict base64.
 */
export function checkAttachments(attachments, fail) {
  if (attachments === undefined) return {};
  if (!isObject(attachments)) return fail(`"attachments" must be an object of name -> {type: data}, not ${describe(attachments)}`);
  const out = Object.create(null); // a name such as "__proto__" is just a name
  for (const [name, bundle] of Object.entries(attachments)) {
    const where = `attachment ${describe(name)}`;
    if (!isObject(bundle)) fail(`${where} must be an object of type -> data, not ${describe(bundle)}`);
    const types = Object.keys(bundle);
    const type = types.find((t) => IMAGE_TYPES.includes(t));
    if (!type) fail(`${where}: type ${describe(types.join(', '))} is not one the site shows (${IMAGE_TYPES.join(', ')})`);
    out[name] = { type, data: base64(bundle[type], `${where}: ${type}`, fail) };
  }
  return out;
}
