// Shared helpers of the WASM tests (and of tests/cli/cases.test.mjs): where the
// module, the CLI and the shared cases are; running the CLI on a case; and the
// deep comparison of the CLI's JSON with the JS API's result.
//
// The CLI is the independent side: a case's expected output is what `posenc`
// prints for it now, never a stored value.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { posenc } from '../cli/run.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// POSENC_WASM, if set, is resolved against the current directory.
export const WASM = process.env.POSENC_WASM ? path.resolve(process.env.POSENC_WASM) : path.join(ROOT, 'build/wasm/posenc.js');

/** The shared inputs: {valid: [{command, options}], bad: [...]} (tests/cases/make_commands.mjs). */
export const CASES = JSON.parse(readFileSync(path.join(ROOT, 'tests/cases/commands.json'), 'utf8'));

/** The 14 commands of the CLI, in camelCase (the JS names). */
export const COMMANDS = ['encode', 'relative', 't5Bucket', 'alibi', 'ropeFreqs', 'ropeApply', 'ropeDecay',
  'fire', 'conv', 'metrics', 'attention', 'similarity', 'embed', 'train'];

/** Keys whose value is wall time (train's `seconds`): compared as "a number >= 0", not by value. */
export const WALL_TIME_KEYS = new Set(['seconds']);

/** Loads the module (CommonJS build) and resolves to {pe, PosencError}. */
export async function loadModule() {
  const { load, PosencError } = createRequire(import.meta.url)(WASM);
  return { pe: await load(), PosencError };
}

// maxLength -> max-length; t5Bucket -> t5-bucket.
export const kebab = (name) => name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
// rotary_dim -> rotaryDim; max-length -> maxLength.
export const camel = (name) => name.replace(/[-_]([a-z0-9])/g, (_, c) => c.toUpperCase());

/**
 * A case as CLI words: camelCase -> --kebab-case, true -> a bare flag, false /
 * null / undefined -> not given, arrays -> comma lists, anything else -> its
 * String(), always as `--name=value` (so a value that starts with '-' is not
 * read as an option, and a flag given a value reaches the CLI as one word).
 */
export function argv({ command, options }) {
  const words = [kebab(command)];
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || value === null || value === false) continue;
    if (value === true) words.push('--' + kebab(key));
    else words.push(`--${kebab(key)}=${Array.isArray(value) ? value.join(',') : String(value)}`);
  }
  return words;
}

/** Runs the CLI on a case (extra words appended); returns {code, signal, stdout, stderr}. */
export const cli = (c, ...extra) => posenc(...argv(c), ...extra);

/** A case in one line, for test names and messages. */
export const label = (c) => `${c.command} ${JSON.stringify(c.options)}`;

// How close a JS number must be to the CLI's: |a - b| <= 1e-6 * max(1, |b|).
// The CLI prints 9 significant digits, so its own rounding is up to 5e-9 relative:
// an absolute 1e-6 can only be held for |b| up to about 1 (beyond that the
// printed value itself is off by more than 1e-6 * |b| / 200), hence relative there.
export const TOLERANCE = 1e-6;
const near = (a, b) => Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(b));

// The shape of a nested JSON array (rectangular), or a message saying why not.
function jsonShape(x, where) {
  if (!Array.isArray(x)) return [];
  const shapes = x.map((e, i) => jsonShape(e, `${where}[${i}]`));
  for (const s of shapes) if (typeof s === 'string') return s;
  const inner = shapes.length ? shapes[0] : [];
  if (shapes.some((s) => s.join() !== inner.join())) return `${where}: ragged JSON array`;
  return [x.length, ...inner];
}

/**
 * Compares the JS result `actual` with the CLI's parsed JSON `expected`; returns
 * the mismatches as [{path, got, want}] (empty when equal). Keys are camelCased;
 * a JSON array may come back as a typed array (with `shape` equal to the JSON's
 * nesting, null entries as NaN) or as a plain array; null scalars stay null.
 */
export function compare(actual, expected, where = '$', out = []) {
  const miss = (got, want, at = where) => out.push({ path: at, got, want });
  if (Array.isArray(expected)) {
    if (ArrayBuffer.isView(actual)) {
      const shape = jsonShape(expected, where);
      if (typeof shape === 'string') return miss('(typed array)', shape), out;
      if (!Array.isArray(actual.shape) || actual.shape.join() !== shape.join()) {
        miss(Array.isArray(actual.shape) ? `shape [${actual.shape}]` : `${describe(actual)} without a shape`, `shape [${shape}]`);
        return out;
      }
      const flat = expected.flat(Infinity);
      if (actual.length !== flat.length) return miss(`length ${actual.length}`, `length ${flat.length}`), out;
      // Flat index -> [i][j][k] for the report.
      const at = (n) => shape.map((_, d) => Math.floor(n / shape.slice(d + 1).reduce((a, b) => a * b, 1)) % shape[d])
        .map((i) => `[${i}]`).join('');
      flat.forEach((want, n) => {
        const got = actual[n];
        if (want === null ? !Number.isNaN(got) : typeof want !== 'number' || !near(got, want)) {
          miss(got, want === null ? 'null (NaN)' : want, where + at(n));
        }
      });
      return out;
    }
    if (!Array.isArray(actual)) return miss(describe(actual), 'an array'), out;
    if (actual.length !== expected.length) return miss(`length ${actual.length}`, `length ${expected.length}`), out;
    expected.forEach((e, i) => compare(actual[i], e, `${where}[${i}]`, out));
    return out;
  }
  if (expected === null) {
    if (actual !== null) miss(describe(actual), null);
    return out;
  }
  if (typeof expected === 'number') {
    if (typeof actual !== 'number' || !near(actual, expected)) miss(describe(actual), expected);
    return out;
  }
  if (typeof expected !== 'object') {
    if (actual !== expected) miss(describe(actual), expected);
    return out;
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual) || ArrayBuffer.isView(actual)) {
    return miss(describe(actual), 'an object'), out;
  }
  const want = Object.keys(expected).map(camel);
  for (const k of Object.keys(actual)) if (!want.includes(k)) miss(describe(actual[k]), '(no such key)', `${where}.${k}`);
  for (const k of Object.keys(expected)) {
    const key = camel(k);
    if (!(key in actual)) miss('(missing)', describe(expected[k]), `${where}.${key}`);
    else if (WALL_TIME_KEYS.has(key)) {
      if (!(typeof actual[key] === 'number' && actual[key] >= 0)) miss(describe(actual[key]), 'a time >= 0', `${where}.${key}`);
    } else compare(actual[key], expected[k], `${where}.${key}`, out);
  }
  return out;
}

function describe(x) {
  if (ArrayBuffer.isView(x)) return `${x.constructor.name}(${x.length})`;
  if (Array.isArray(x)) return `Array(${x.length})`;
  if (typeof x === 'string') return JSON.stringify(x);
  return x;
}

/** Throws an Error listing the first mismatches (path: got vs want) unless there are none. */
export function assertSame(actual, expected, what) {
  const found = compare(actual, expected);
  if (found.length === 0) return;
  const first = found.slice(0, 8).map((m) => `  ${m.path}: got ${m.got}, want ${m.want}`).join('\n');
  const more = found.length > 8 ? `\n  ... and ${found.length - 8} more` : '';
  throw new Error(`${what}: ${found.length} mismatch(es) with the CLI (tolerance ${TOLERANCE} x max(1, |want|)):\n${first}${more}`);
}
