#!/usr/bin/env node
// bench/lab_bench.mjs: the extrapolation lab's default run in headless Chromium,
// timed as a reader sees it: on the built chapter (dist/06-extrapolation.html), Run
// pressed with the page's attributes (every scheme, the CLI's defaults), until the
// run is done (each scheme trained in the Worker, then evaluated). Issue 8's goal:
// under 60 s for all schemes on one core. Prints the wall time and the widget's
// CSV (the same accuracies as `posenc train`); writes build/bench/lab.json
// ({rows: [{name, value, unit, against, against_value, ratio, goal}]}).
//   node bench/lab_bench.mjs        (needs npm run build:site)
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, requireDist, launch, serve, open } from '../tests/web/support.mjs';

const GOAL_S = 60;
const SEL = 'posenc-extrapolation-lab';

requireDist();
const browser = await launch();
const server = await serve();
try {
  const { page, problems } = await open(browser, server.url + '06-extrapolation.html', { width: 1280, height: 900 });
  await page.locator(SEL).scrollIntoViewIfNeeded();
  await page.waitForFunction((s) => document.querySelector(s).dataset.status === 'ready', SEL, { timeout: 30000 });
  const t0 = Date.now();
  await page.locator(SEL).getByRole('button', { name: 'Run' }).click();
  await page.waitForFunction((s) => document.querySelector(s).run?.status !== 'running', SEL, { timeout: 600000, polling: 500 });
  const seconds = (Date.now() - t0) / 1000;
  const csv = await page.evaluate((s) => document.querySelector(s).csvText(), SEL);
  const schemes = csv.trim().split('\n').length - 1;
  console.log(csv.trim());
  if (problems.length) console.log('problems:', problems.join('\n'));
  console.log(`lab: default run, ${schemes} schemes, Chromium (Worker): ${seconds.toFixed(1)} s (goal: under ${GOAL_S} s)`);
  const out = path.join(ROOT, 'build/bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'lab.json'), JSON.stringify({ rows: [{
    name: `lab: default run, ${schemes} schemes, Chromium Worker`, value: seconds, unit: 's',
    against: 'the 60 s goal', against_value: GOAL_S, ratio: seconds / GOAL_S, goal: 'ratio <= 1',
  }] }, null, 1));
  await page.close();
} finally {
  await browser.close();
  server.close();
}
