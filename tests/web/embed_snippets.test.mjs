// The embedding snippets (web/embed/snippets.mjs) without a browser: values are
// escaped as HTML and percent-encoded in the hash; bad arguments throw errors
// naming the argument, the value and what is allowed; web/embed/README.md shows
// exactly the texts the functions return (the Chromium tests run those texts);
// widgetNames() lists every define() of web/widgets/index.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './support.mjs';
import { scriptSnippet, iframeSnippet, embedHash, resizeListenerSnippet } from '../../web/embed/snippets.mjs';
import { widgetNames } from '../../web/embed/bundle.mjs';

test('script and iframe snippets: attributes escaped, hash encoded, theme keys as style', () => {
  assert.equal(scriptSnippet('rope-decay', { base: 500, dim: 64 }),
    '<script src="posenc-widgets.js"></script>\n<posenc-rope-decay base="500" dim="64"></posenc-rope-decay>');
  assert.equal(scriptSnippet('t5-buckets', { span: '"><img src=x onerror=alert(1)>', '--posenc-accent': '#c00' }, { src: '/js/posenc-widgets.js' }),
    '<script src="/js/posenc-widgets.js"></script>\n<posenc-t5-buckets span="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" ' +
    'style="--posenc-accent: #c00"></posenc-t5-buckets>');
  assert.equal(embedHash('rope-decay', { base: 500, dim: 64 }), 'rope-decay?base=500&dim=64');
  assert.equal(embedHash('rope-decay', {}), 'rope-decay');
  assert.equal(embedHash('t5-buckets', { span: 'a&b=<c>#', '--posenc-accent': '#c00' }),
    't5-buckets?span=a%26b%3D%3Cc%3E%23&--posenc-accent=%23c00');
  assert.equal(iframeSnippet('rope-decay', { base: 500, dim: 64 }),
    '<iframe src="embed.html#rope-decay?base=500&amp;dim=64" title="posenc figure: rope-decay" sandbox="allow-scripts" ' +
    'loading="lazy" style="width: 100%; height: 480px; border: 0"></iframe>');
});

test('bad arguments: an Error naming the argument, the value and what is allowed', () => {
  assert.throws(() => scriptSnippet('<b>', {}), { message: 'scriptSnippet: widget: got "<b>"; allowed: a widget name such as "rope-decay" (lowercase letters, digits and hyphens)' });
  assert.throws(() => iframeSnippet('rope-decay', [1]), /^Error: iframeSnippet: attrs: got \[1\]; allowed: an object/);
  assert.throws(() => scriptSnippet('rope-decay', { 'on click': 1 }), /scriptSnippet: attrs: name "on click"; allowed: an attribute name/);
  assert.throws(() => embedHash('rope-decay', { dim: {} }), /embedHash: attrs.dim: got object; allowed: a string, number or boolean/);
  assert.throws(() => iframeSnippet('rope-decay', {}, { height: 10 }), /iframeSnippet: height: got 10; allowed: integer in \[50, 5000\]/);
});

test('web/embed/README.md shows the snippets as the functions return them', () => {
  const readme = readFileSync(path.join(ROOT, 'web/embed/README.md'), 'utf8');
  assert.ok(readme.includes(resizeListenerSnippet().trim()), 'the listener');
  assert.ok(readme.includes(scriptSnippet('rope-decay', { base: 500, dim: 64 })), 'the script route');
  assert.ok(readme.includes(iframeSnippet('rope-decay', { base: 500, dim: 64 })), 'the iframe route');
});

test('widgetNames(): every define() line of index.js, in order', () => {
  const source = readFileSync(path.join(ROOT, 'web/widgets/index.js'), 'utf8');
  const names = widgetNames();
  assert.equal(names.length, (source.match(/^define\(/gm) || []).length);
  assert.equal(new Set(names).size, names.length);
  assert.ok(names.includes('rope-decay') && names.includes('t5-buckets'));
});
