// The notebook helper (notebooks/posenc_widget.py): its Python-level checks and a
// notebook that uses it, executed with nbclient and exported with `nbconvert --to
// html` (helper_check.py), then the exported page opened in Chromium from
// file://: both widgets drawn, no console error of ours. The export template's
// own scripts (require.js, MathJax: Debian's nbconvert points at
// /usr/share/javascript/, others at a CDN) may be absent offline; those failed
// loads are allowed, listed, and nothing else may fail.
// Needs build/web/posenc-widgets.js (npm run build:widgets) or $POSENC_WIDGETS_JS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, launch, widgetStates } from '../web/support.mjs';

test('show(): Python checks, then its nbconvert export draws in Chromium from file://', { timeout: 180_000 }, async (t) => {
  const out = path.join(ROOT, 'build/notebook-helper');
  const run = spawnSync('/usr/bin/python3', [path.join(ROOT, 'tests/notebooks/helper_check.py'), out], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, `helper_check.py:\n${run.stderr}`);
  const html = run.stdout.trim().split('\n').at(-1);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const problems = [];
    const external = [];
    const failed = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('requestfailed', (r) => failed.push(r.url()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.route(/^https?:/, (route) => { external.push(route.request().url()); route.fulfill({ status: 200, body: '' }); });
    await page.goto(pathToFileURL(html).href);
    const states = await widgetStates(page, 30000);
    assert.deepEqual(states.map((s) => [s.tag, s.status, s.drawn]), [['posenc-rope-decay', 'ready', true], ['posenc-alibi-bias', 'ready', true]]);
    const template = /^file:\/\/\/usr\/share\/javascript\/(mathjax|requirejs)\//;
    assert.deepEqual(failed.filter((u) => !template.test(u)), [], 'failed loads other than the template\'s scripts');
    const loadErrors = problems.filter((p) => p.startsWith('Failed to load resource'));
    assert.equal(loadErrors.length, failed.length);
    assert.deepEqual(problems.filter((p) => !p.startsWith('Failed to load resource')), []);
    t.diagnostic(`the template's scripts, absent here: ${failed.join(', ') || 'none'}; CDN requests answered empty: ${external.join(', ') || 'none'}`);
  } finally {
    await browser.close();
  }
});
