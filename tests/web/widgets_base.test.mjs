// The widget base (web/widgets/base.js) in real Chromium, through the test-only
// posenc-probe widget (tests/web/pages/probe.js: one parameter of each type):
// bad attribute values show the message in place and keep the drawing, with no
// console error; attribute changes redraw; the URL state round-trips over http and
// file://; the controls work from the keyboard with visible focus; the CSV and PNG
// downloads produce real files; axe-core finds no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, open, ready, axe, inkOf, drawingOf, widgetUrl, screenshots } from './widget_support.mjs';

const W = 'posenc-probe';
let env;

before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const probe = (opts) => widgetUrl(env.origin, 'probe', opts);
const state = (page) => page.evaluate((s) => ({ ...document.querySelector(s).state }), W);
const message = (page) => page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('[role=alert]').textContent, W);
// Sets an attribute and waits for the redraw it schedules (one animation frame).
const setAttr = (page, name, value) => page.evaluate(([s, n, v]) => new Promise((resolve) => {
  const w = document.querySelector(s);
  w.setAttribute(n, v);
  requestAnimationFrame(() => requestAnimationFrame(resolve));
}), [W, name, value]);

test('draws a non-empty heatmap and chart, reports ready and the time of the draw, no console error', async () => {
  const page = await open(env.browser, probe());
  const ms = page.evaluate((s) => new Promise((resolve) => document.querySelector(s).addEventListener('posenc-render', (e) => resolve(e.detail.ms), { once: true })), W);
  await ready(page, W);
  assert.equal(await page.evaluate((s) => document.querySelector(s).dataset.status, W), 'ready');
  assert.ok(await inkOf(page, W) > 500, 'the figure is blank');
  await page.evaluate((s) => document.querySelector(s).renderNow(), W);
  assert.ok(typeof await ms === 'number' && await ms >= 0);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('a bad attribute value shows a message naming attribute, value and range; the drawing stays; fixing it clears it', async () => {
  const page = await open(env.browser, probe());
  await ready(page, W);
  const before = await drawingOf(page, W);
  const cases = [
    ['length', '0', 'length: got "0"; allowed: integer in [1, 128]'],
    ['length', '2.5', 'length: got "2.5"; allowed: integer in [1, 128]'],
    ['base', 'abc', 'base: got "abc"; allowed: number in [2, 100000]'],
    ['layout', 'diagonal', 'layout: got "diagonal"; allowed: one of interleaved, concat'],
    ['transpose', 'yes', 'transpose: got "yes"; allowed: true or false'],
  ];
  for (const [name, value, want] of cases) {
    await setAttr(page, name, value);
    assert.equal(await message(page), want);
    assert.equal(await page.evaluate((s) => document.querySelector(s).dataset.status, W), 'error');
    assert.equal(await drawingOf(page, W), before, `${name}=${value} changed the drawing`);
    assert.equal((await state(page)).length, 16, 'state keeps the last good value');
    await page.evaluate(([s, n]) => document.querySelector(s).removeAttribute(n), [W, name]);
    await page.evaluate(() => new Promise(requestAnimationFrame));
  }
  assert.equal(await message(page), '');
  // A value that looks like markup is shown as text, never parsed.
  await setAttr(page, 'layout', '<img src=x onerror="window.hacked=1">');
  assert.match(await message(page), /^layout: got "<img src=x onerror="window.hacked=1">"/);
  assert.equal(await page.evaluate((s) => document.querySelector(s).shadowRoot.querySelectorAll('img').length, W), 0);
  assert.equal(await page.evaluate(() => window.hacked), undefined);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('a bad attribute at start still draws (defaults) and shows the message', async () => {
  const page = await open(env.browser, probe({ set: { length: '-3' } }));
  await ready(page, W);
  assert.equal(await message(page), 'length: got "-3"; allowed: integer in [1, 128]');
  assert.ok(await inkOf(page, W) > 500, 'never a blank widget');
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('changing an attribute redraws within a frame, with the new state and new numbers', async () => {
  const page = await open(env.browser, probe());
  await ready(page, W);
  const before = await drawingOf(page, W);
  const csvBefore = await page.evaluate((s) => document.querySelector(s).csvText(), W);
  await setAttr(page, 'length', '40');
  assert.equal((await state(page)).length, 40);
  assert.notEqual(await drawingOf(page, W), before);
  const csv = await page.evaluate((s) => document.querySelector(s).csvText(), W);
  assert.notEqual(csv, csvBefore);
  assert.equal(csv.trim().split('\n').length, 41, 'header + 40 positions');
  await page.closeAll();
});

test('controls: labelled, keyboard operable, visible focus; a user change fires `change` and writes the URL', async () => {
  const page = await open(env.browser, probe());
  await ready(page, W);
  const changes = page.evaluate((s) => { window.changes = []; document.querySelector(s).addEventListener('change', (e) => window.changes.push(e.detail)); }, W);
  await changes;
  // Every input has an accessible name from its label.
  const unlabelled = await page.evaluate((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('input, select')]
    .filter((e) => !(e.labels?.length || e.getAttribute('aria-labelledby'))).length, W);
  assert.equal(unlabelled, 0);
  // Tab reaches the first slider (length); ArrowRight steps it by one.
  await page.locator(W).locator('input[type=range]').first().focus();
  await page.keyboard.press('ArrowRight');
  await page.evaluate(() => new Promise(requestAnimationFrame));
  assert.equal((await state(page)).length, 17);
  const outline = await page.evaluate((s) => {
    const e = document.querySelector(s).shadowRoot.activeElement;
    const cs = getComputedStyle(e);
    return { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth) };
  }, W);
  assert.notEqual(outline.style, 'none', 'focused control shows an outline');
  assert.ok(outline.width >= 2);
  // Number input: type a value and press Enter.
  const num = page.locator(W).locator('input[type=number]').first();
  await num.fill('24');
  await num.press('Enter');
  assert.equal((await state(page)).length, 24);
  // Select by keyboard.
  await page.locator(W).locator('select').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal((await state(page)).layout, 'concat');
  // Checkbox by Space.
  await page.locator(W).locator('input[type=checkbox]').focus();
  await page.keyboard.press('Space');
  assert.equal((await state(page)).transpose, true);
  const got = await page.evaluate(() => window.changes);
  assert.ok(got.length >= 4);
  assert.deepEqual(got.at(-1), { length: 24, dim: 8, base: 10000, layout: 'concat', transpose: true });
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('probe.length'), '24');
  assert.equal(url.searchParams.get('probe.layout'), 'concat');
  assert.equal(url.searchParams.get('probe.transpose'), 'true');
  assert.equal(url.searchParams.get('probe.dim'), null, 'unchanged values stay out of the URL');
  // An out-of-range number typed by the user: message in place, URL unchanged.
  await num.fill('500');
  await num.press('Enter');
  assert.equal(await message(page), 'length: got "500"; allowed: integer in [1, 128]');
  assert.equal(new URL(page.url()).searchParams.get('probe.length'), '24');
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('URL state round trip, over http and from file://', async () => {
  for (const origin of [env.origin, null]) {
    const page = await open(env.browser, widgetUrl(origin, 'probe', { query: { 'probe.length': 33, 'probe.layout': 'concat' } }));
    await ready(page, W);
    const s = await state(page);
    assert.equal(s.length, 33, `read from the URL (${origin ? 'http' : 'file'})`);
    assert.equal(s.layout, 'concat');
    await page.locator(W).locator('input[type=range]').nth(1).focus();
    await page.keyboard.press('ArrowRight'); // dim 8 -> 10
    const shared = page.url();
    assert.equal(new URL(shared).searchParams.get('probe.dim'), '10', `written to the URL (${origin ? 'http' : 'file'})`);
    await page.closeAll();
    const again = await open(env.browser, shared);
    await ready(again, W);
    assert.deepEqual({ ...await state(again) }, { length: 33, dim: 10, base: 10000, layout: 'concat', transpose: false });
    assert.deepEqual(again.problems, []);
    await again.closeAll();
  }
});

test('heatmap readout: arrow keys move a cursor, the readout gives the value at (i, j)', async () => {
  const page = await open(env.browser, probe());
  await ready(page, W);
  const canvas = page.locator(W).locator('canvas').first();
  await canvas.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  const text = await page.locator(W).locator('output').first().textContent();
  // Position 2, dimension 1 of the interleaved sinusoids: cos(2 * 10000^0) = cos 2 (Vaswani et al. 2017).
  assert.match(text, /position 2, dimension 1: (-0\.4161)/);
  await page.closeAll();
});

test('CSV and PNG downloads produce files', async () => {
  const page = await open(env.browser, probe({ set: { length: 5, dim: 4 } }));
  await ready(page, W);
  const [csvDl] = await Promise.all([page.waitForEvent('download'), page.locator(W).getByRole('button', { name: 'Download CSV' }).click()]);
  assert.equal(csvDl.suggestedFilename(), 'probe.csv');
  const lines = readFileSync(await csvDl.path(), 'utf8').trim().split('\n');
  assert.equal(lines[0], 'position,d0,d1,d2,d3');
  assert.equal(lines.length, 6);
  // Row 1: sin(1), cos(1), sin(1/100), cos(1/100) (D = 4, base 10000).
  const row1 = lines[2].split(',').map(Number);
  [1, Math.sin(1), Math.cos(1), Math.sin(0.01), Math.cos(0.01)].forEach((want, k) => assert.ok(Math.abs(row1[k] - want) < 1e-6, lines[2]));
  const [pngDl] = await Promise.all([page.waitForEvent('download'), page.locator(W).getByRole('button', { name: 'Download PNG' }).click()]);
  assert.equal(pngDl.suggestedFilename(), 'probe.png');
  const png = readFileSync(await pngDl.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  assert.ok(width > 500 && height > 400, `PNG ${width}x${height}`);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('data table: a real table with caption and header scopes; large data says it shows the first rows', async () => {
  const page = await open(env.browser, probe({ set: { length: 100 } }));
  await ready(page, W);
  await page.locator(W).getByText('Data table').click();
  const t = await page.evaluate((s) => {
    const table = document.querySelector(s).shadowRoot.querySelector('table');
    return { caption: table.caption.textContent, cols: table.querySelectorAll('thead th[scope=col]').length,
      rows: table.querySelectorAll('tbody tr').length, rowHeads: table.querySelectorAll('tbody th[scope=row]').length };
  }, W);
  assert.match(t.caption, /first 40 of 100 rows; the CSV download has all of them/);
  assert.equal(t.cols, 9);
  assert.equal(t.rows, 40);
  assert.equal(t.rowHeads, 40);
  await page.closeAll();
});

test('lazy start: the core is asked for only when the widget scrolls into view', async () => {
  const page = await open(env.browser, probe({ spacer: true }), { height: 700 });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate((s) => document.querySelector(s).dataset.status, W), 'loading');
  assert.equal(await page.evaluate((s) => document.querySelector(s).core, W), null);
  await page.locator(W).scrollIntoViewIfNeeded();
  await ready(page, W);
  assert.equal(await page.evaluate((s) => document.querySelector(s).dataset.status, W), 'ready');
  await page.closeAll();
});

test('dark colour scheme and reduced motion are honoured; axe finds no serious or critical violation', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await open(env.browser, probe(), { colorScheme, reducedMotion: 'reduce' });
    await ready(page, W);
    const bg = await page.evaluate((s) => document.querySelector(s).theme().bgRgb, W);
    const dark = bg[0] + bg[1] + bg[2] < 150;
    assert.equal(dark, colorScheme === 'dark', `background ${bg} under ${colorScheme}`);
    await page.locator(W).getByText('Data table').click();
    assert.deepEqual(await axe(page), []);
    await page.closeAll();
  }
});

test('at 375 px nothing overflows the viewport; screenshots', async () => {
  const page = await open(env.browser, probe(), { width: 375 });
  await ready(page, W);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page wider than 375 px by ${overflow}`);
  await page.closeAll();
  await screenshots(env.browser, probe(), 'probe', W);
});
