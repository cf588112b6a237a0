// A markdown-it plugin that renders TeX math at build time with KaTeX (HTML for
// the eye, MathML for screen readers), so pages need no script for math.
// Delimiters as Jupyter's MathJax reads them: $...$ and \(...\) inline; $$...$$
// and \[...\] display, inside a paragraph or as their own block; and a bare
// \begin{env}...\end{env} block. The inline rule runs before markdown-it's
// escape rule (which would eat the backslash of \( and \[), and before emphasis,
// so `_` and `*` inside math stay TeX.
import katex from 'katex';

/**
 * Renders `tex` with KaTeX; a TeX error throws (the builder adds file and cell).
 * `strict` warnings (e.g. unicode text in math) are collected in env.mathWarnings.
 */
export function renderMath(tex, displayMode, env = {}) {
  return katex.renderToString(tex.replaceAll(BAR, '|'), {
    displayMode,
    throwOnError: true,
    output: 'htmlAndMathml',
    trust: false,
    strict: (code, message) => {
      (env.mathWarnings ??= []).push(`${message} in ${JSON.stringify(tex)}`);
      return 'ignore';
    },
  });
}

// The index of the closing `close` at or after `from` in `src`, skipping
// backslash-escaped characters (so \$ inside math is not a delimiter); -1 if none.
function findClose(src, from, close, end) {
  for (let i = from; i < end; i++) {
    if (src[i] === '\\' && !src.startsWith(close, i)) { i++; continue; }
    if (src.startsWith(close, i)) return i;
  }
  return -1;
}

const isSpace = (c) => c === ' ' || c === '\t' || c === '\n';
const isDigit = (c) => c >= '0' && c <= '9';

// [open, close, display] tried in this order at the current position.
const INLINE = [['$$', '$$', true], ['\\[', '\\]', true], ['\\(', '\\)', false], ['$', '$', false]];

function mathInline(state, silent) {
  const { src, pos, posMax } = state;
  if (src[pos] !== '$' && src[pos] !== '\\') return false;
  for (const [open, close, display] of INLINE) {
    if (!src.startsWith(open, pos)) continue;
    const start = pos + open.length;
    const end = findClose(src, start, close, posMax);
    if (end < 0 || end === start) continue;
    // Single $: pandoc's rule, so "costs $5 and $10" stays text: no space just
    // inside either delimiter, and no digit right after the closing one.
    if (open === '$' && (isSpace(src[start]) || isSpace(src[end - 1]) || isDigit(src[end + 1] ?? ''))) continue;
    if (!silent) {
      const token = state.push(display ? 'math_display' : 'math_inline', 'math', 0);
      token.content = src.slice(start, end);
      token.markup = open;
    }
    state.pos = end + close.length;
    return true;
  }
  return false;
}

// Block openers: a line starting with one of these (after indentation below 4).
const BLOCK = [['$$', () => '$$'], ['\\[', () => '\\]'], ['\\begin{', (line) => {
  const env = /^\\begin\{([^}]+)\}/.exec(line);
  return env ? `\\end{${env[1]}}` : null;
}]];

function mathBlock(state, startLine, endLine, silent) {
  const lineText = (n) => state.src.slice(state.bMarks[n] + state.tShift[n], state.eMarks[n]);
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const first = lineText(startLine);
  const opener = BLOCK.find(([open]) => first.startsWith(open));
  if (!opener) return false;
  const close = opener[1](first);
  if (!close) return false;
  const keepDelimiters = opener[0] === '\\begin{'; // the environment is the TeX itself
  const bodyStart = keepDelimiters ? 0 : opener[0].length;
  // The block ends on the first line (from this one) that ends with the closer.
  let line = startLine;
  let text = first.slice(bodyStart);
  for (;;) {
    const trimmed = text.trimEnd();
    const at = trimmed.lastIndexOf(close);
    if (at >= 0 && at + close.length === trimmed.length && (line > startLine || at > 0 || keepDelimiters)) {
      if (silent) return true;
      const lines = [];
      for (let n = startLine; n <= line; n++) lines.push(lineText(n));
      let body = lines.join('\n').slice(bodyStart).trimEnd();
      if (!keepDelimiters) body = body.slice(0, -close.length);
      const token = state.push('math_display', 'math', 0);
      token.block = true;
      token.content = body;
      token.map = [startLine, line + 1];
      token.markup = opener[0];
      state.line = line + 1;
      return true;
    }
    line++;
    if (line >= endLine) return false;
    text = lineText(line);
  }
}

// A `|` inside math in a table row (|m - n|) would split the cell, as markdown
// splits rows before it reads math. Jupyter reads math first, so such tables
// work there; here the bars inside $...$ and \(...\) of table rows become BAR
// (a private-use character no notebook writes) and renderMath turns them back.
const BAR = '\uE000';
function protectTableMath(state) {
  state.src = state.src.replace(/^[ \t]*\|.*$/gm, (row) => row
    .replace(/(?<![\\$])\$(?!\$)((?:\\.|[^$\\])+?)\$/g, (m) => m.replaceAll('|', BAR))
    .replace(/\\\((.+?)\\\)/g, (m) => m.replaceAll('|', BAR)));
}

/** The plugin: md.use(mathPlugin). Renders into the env given to md.render(). */
export function mathPlugin(md) {
  md.core.ruler.after('normalize', 'math_table_bars', protectTableMath);
  md.inline.ruler.before('escape', 'math_inline', mathInline);
  md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.renderer.rules.math_inline = (tokens, i, _o, env) => renderMath(tokens[i].content, false, env);
  md.renderer.rules.math_display = (tokens, i, _o, env) => {
    const html = renderMath(tokens[i].content, true, env);
    // A block of its own is a div; display math inside a paragraph stays a span.
    // Focusable, so a formula wider than a phone can be scrolled by keyboard.
    const box = tokens[i].block ? 'div' : 'span';
    return `<${box} class="math-display" tabindex="0">${html}</${box}>${tokens[i].block ? '\n' : ''}`;
  };
}
