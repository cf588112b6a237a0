// The notebook test: every notebooks/*.ipynb executes top to bottom with Debian's
// /usr/bin/python3 and torch, and the numbers its cells print agree with the C++
// core. The work is done by run.py (nbformat, nbclient, the CLI); this file runs it
// on every chapter, a few at a time, and turns each report into a test. The
// fixtures under fixtures/ are notebooks that must fail, each for stated reasons:
// they prove that a wrong number, a missing line, an error or a committed output
// is caught, and that right numbers pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const PYTHON = '/usr/bin/python3'; // Debian's, with python3-torch and python3-nbclient
const RUN = path.join(here, 'run.py');
const BIN = process.env.POSENC_BIN || path.join(root, 'build/native/posenc');

const list = (dir) => readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort().map((f) => path.join(dir, f));
const chapters = list(path.join(root, 'notebooks'));
const fixtures = list(path.join(here, 'fixtures'));

/** Runs run.py --json on some notebooks; resolves to their reports (one per line).
 *  Chapters that pass are saved executed in build/notebooks/, the site build's cache
 *  (web/site/execute.py), so `npm test` runs each chapter once. */
function runPy(notebooks, extra = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [RUN, '--json', '--timeout', '120', ...extra, ...notebooks], {
      cwd: root,
      env: { ...process.env, POSENC_BIN: BIN, PYDEVD_DISABLE_FILE_VALIDATION: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const reports = out.split('\n').filter(Boolean).map((l) => JSON.parse(l));
      if (reports.length !== notebooks.length) {
        reject(new Error(`run.py exited ${code} with ${reports.length} of ${notebooks.length} reports; stderr:\n${err}`));
      } else resolve(reports);
    });
  });
}

/** Runs jobs (functions returning promises) at most `width` at a time; returns one
 *  promise per job, resolving to {v} or {e}, so no rejection goes unhandled. */
function pool(jobs, width) {
  const slots = jobs.map(() => {
    let resolve;
    const promise = new Promise((r) => (resolve = r));
    return { promise, resolve };
  });
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const k = next++;
      slots[k].resolve(await jobs[k]().then((v) => ({ v }), (e) => ({ e })));
    }
  };
  for (let w = 0; w < width; w++) worker();
  return slots.map((s) => s.promise);
}

// One process per chapter (each starts a kernel and imports torch), all fixtures in
// one more; as many at once as there are cores.
const width = Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 4));
const pending = pool([...chapters.map((nb) => () => runPy([nb], ['--save-executed', path.join(root, 'build/notebooks')])), () => runPy(fixtures)], width);
const reportOf = async (k) => {
  const r = await pending[k];
  if (r.e) throw r.e;
  return r.v;
};

test('the core binary and the chapters exist', () => {
  assert.ok(existsSync(BIN), `no posenc binary at ${BIN}: npm run build:native, or set POSENC_BIN`);
  assert.ok(chapters.length >= 1, 'notebooks/ holds no .ipynb');
  assert.ok(chapters.some((p) => path.basename(p) === '01-overview.ipynb'), 'chapter 1 is notebooks/01-overview.ipynb');
});

chapters.forEach((nb, k) => {
  test(`${path.relative(root, nb)}: valid, no outputs committed, runs clean, numbers agree with the core`, { timeout: 600_000 }, async () => {
    const [report] = await reportOf(k);
    assert.ok(report.checks.length > 0, 'no checks');
    assert.deepEqual(report.problems, [], `${path.relative(root, nb)}:\n  ${report.problems.join('\n  ')}`);
    assert.ok(report.checks.every((c) => c.ok));
    assert.equal(report.ok, true);
  });
});

// What each fixture must report: its problems, in order, matched by pattern.
const expected = {
  'wrong-checks.ipynb': {
    passing: ['right[2]', 'slopes'],
    problems: [
      /^cell 9: unknown widget 'sinusoid-heatmap'/,
      /^cell 10: widget 'naive-index': the code must be `posenc_widget\.show\('naive-index', \.\.\.\)`/,
      /^cell 10: widget 'naive-index' has no caption/,
      /^cell 2 `p\[2\]`: 2 of 2 differ from posenc encode --scheme normalized --length 5 --dim 2 \[data\[2\]\] beyond tol 1e-06; first: \[0\] got 0\.4, core 0\.5/,
      /^cell 5 `short`: printed 1 numbers, .* has 2$/,
      /^cell 6 `absent`: no output line starts with 'absent = '$/,
      /^cell 7 `keyed`: select 'rows\[2\]': no key 'rows'/,
      /^cell 8 `bad cli`: posenc encode .* exited 2: posenc encode: --length: got 0; allowed: /,
    ],
  },
  'error-cell.ipynb': { passing: ['x'], problems: [/^cell 2: raised ValueError: deliberate$/] },
  'no-checks.ipynb': { passing: [], problems: [/^no checks/] },
  'committed-outputs.ipynb': {
    passing: ['x'],
    problems: [/^cell 1: committed with outputs/, /^cell 2: wrote to stderr: warned$/],
  },
  'invalid.ipynb': { passing: [], problems: [/^not valid nbformat: /] },
};

test('the fixtures fail, each for its stated reasons, and their right checks pass', { timeout: 600_000 }, async () => {
  const reports = await reportOf(chapters.length);
  assert.deepEqual(fixtures.map((p) => path.basename(p)).sort(), Object.keys(expected).sort(), 'one expectation per fixture');
  for (const report of reports) {
    const name = path.basename(report.notebook);
    const want = expected[name];
    assert.equal(report.ok, false, `${name} must fail`);
    assert.equal(report.problems.length, want.problems.length, `${name}: problems:\n  ${report.problems.join('\n  ')}`);
    want.problems.forEach((re, i) => assert.match(report.problems[i], re, `${name}: problem ${i}`));
    const passing = report.checks.filter((c) => c.ok).map((c) => c.printed);
    assert.deepEqual(passing, want.passing, `${name}: the checks that pass`);
  }
});
