#!/usr/bin/env node
// bench/wasm_bench.mjs: the same C++ kernels (bench/kernels/kernels.cpp) timed
// natively and as WebAssembly in Node, as ratios wasm time / native time.
//
// Both sides speak one protocol (kernels.hpp, Session): the native
// posenc_kernel_bench as a child process on stdin/stdout, the wasm module
// in-process through one Embind function. They never run at the same time: each
// round times one native run, then one wasm run (the order flips every round), and
// the ratio of the case is the median over the rounds of the paired ratios, so a
// slow stretch of a shared machine falls on both sides of most pairs. Each side
// times itself in C++ (steady_clock; performance.now under wasm), after warm-up
// runs that let V8 move the hot wasm functions from Liftoff to TurboFan.
//
// Goals (issue 4): wasm within 1.1x of native where the case is memory-bound,
// within 2.5x where it is compute-bound (the case list says which, kernels.cpp).
// Exit status: 0 when every case ran (a missed goal is reported, not fatal; with
// --strict it exits 1); 1 if a case failed; 2 for a bad option or a missing build.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const GOALS = { memory: 1.1, compute: 2.5 };

const HELP = `wasm_bench.mjs: the bench kernels natively and as wasm in Node, as wasm/native ratios
  --rounds N     paired runs per case (default 7)
  --warmup N     untimed runs per side first; wasm also warms up for at least 0.3 s (default 2)
  --only TEXT    only the cases whose id contains TEXT (repeatable)
  --native PATH  posenc_kernel_bench (default $POSENC_KERNEL_BENCH, else build/native/posenc_kernel_bench)
  --wasm PATH    the module (default build/wasm-bench/posenc_kernel_bench.js)
  --json PATH    where the figures go (default build/bench/wasm.json)
  --strict       exit 1 if a case misses its goal`;

function fail(message) {
  console.error(`wasm_bench: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = {
    rounds: 7,
    warmup: 2,
    only: [],
    native: process.env.POSENC_KERNEL_BENCH ?? path.join(root, 'build/native/posenc_kernel_bench'),
    wasm: path.join(root, 'build/wasm-bench/posenc_kernel_bench.js'),
    json: path.join(root, 'build/bench/wasm.json'),
    strict: false,
  };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    const next = () => (i + 1 < argv.length ? argv[++i] : fail(`${a}: got nothing`));
    const int = (lo, hi) => {
      const text = next();
      const v = Number(text);
      if (!Number.isInteger(v) || v < lo || v > hi) fail(`${a}: got ${text}; allowed: integer in [${lo}, ${hi}]`);
      return v;
    };
    if (a === '--help' || a === '-h') {
      console.log(HELP);
      process.exit(0);
    } else if (a === '--rounds') o.rounds = int(1, 1000);
    else if (a === '--warmup') o.warmup = int(0, 100);
    else if (a === '--only') o.only.push(next());
    else if (a === '--native') o.native = path.resolve(next());
    else if (a === '--wasm') o.wasm = path.resolve(next());
    else if (a === '--json') o.json = path.resolve(next());
    else if (a === '--strict') o.strict = true;
    else fail(`option: got ${a}; allowed: --rounds, --warmup, --only, --native, --wasm, --json, --strict, --help`);
  }
  return o;
}

/// The native driver: one command line out, one JSON line back.
function startNative(file) {
  const child = spawn(file, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    async command(line) {
      child.stdin.write(`${line}\n`);
      const { value, done } = await lines.next();
      if (done) throw new Error(`posenc_kernel_bench exited before answering "${line}"`);
      return JSON.parse(value);
    },
    stop() {
      child.stdin.end('quit\n');
    },
  };
}

async function startWasm(file) {
  const create = createRequire(import.meta.url)(file);
  const module = await create();
  return { command: async (line) => JSON.parse(module.command(line)) };
}

/// Runs a command on a side; throws the side's error.
async function ask(side, name, line) {
  const answer = await side.command(line);
  if (answer.error !== undefined) throw new Error(`${name}: ${line}: ${answer.error}`);
  return answer;
}

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

async function timeCase(c, native, wasm, o) {
  await ask(native, 'native', `prepare ${c.id}`);
  await ask(wasm, 'wasm', `prepare ${c.id}`);
  try {
    for (let w = 0; w < o.warmup; ++w) await ask(native, 'native', 'run 1');
    // V8 compiles wasm with Liftoff first and tiers hot functions up in the
    // background: warm up by count and by time.
    const t0 = performance.now();
    for (let w = 0; w < 20 && (w < o.warmup || performance.now() - t0 < 300); ++w) await ask(wasm, 'wasm', 'run 1');
    const nativeMs = [];
    const wasmMs = [];
    const ratios = [];
    for (let r = 0; r < o.rounds; ++r) {
      const sides = r % 2 === 0 ? [native, wasm] : [wasm, native];
      const [a, b] = [(await ask(sides[0], 'run', 'run 1')).ms[0], (await ask(sides[1], 'run', 'run 1')).ms[0]];
      const [n, w] = r % 2 === 0 ? [a, b] : [b, a];
      nativeMs.push(n);
      wasmMs.push(w);
      ratios.push(w / n);
    }
    const ratio = median(ratios);
    const goal = GOALS[c.bound];
    return { ...c, nativeMs, wasmMs, nativeMedianMs: median(nativeMs), wasmMedianMs: median(wasmMs), ratio, goal,
             met: ratio <= goal };
  } finally {
    await native.command('release');
    await wasm.command('release');
  }
}

/// A machine answer with its strings trimmed (__clang_version__ ends in a space).
const trimmed = (m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]));

const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(4));
const gbs = (bytes, ms) => (bytes / (ms * 1e6)).toFixed(1);

function printTable(rows, failures, meta) {
  console.log(`WASM vs native: the same kernels (bench/kernels/kernels.cpp), ${meta.rounds} paired rounds after warm-up;`);
  console.log('ratio = median over the rounds of wasm time / native time of the pair; GB/s = (input + output bytes) / median time');
  console.log(`machine:  ${meta.cpu}; ${meta.cpus} CPUs online, 1 used; Node ${meta.node} (V8 ${meta.v8})`);
  console.log(`native:   ${meta.native.compiler}; ${meta.native.build_type}; ${meta.native.flags}`);
  console.log(`wasm:     ${meta.wasm.compiler}; ${meta.wasm.build_type}; ${meta.wasm.flags}`);
  console.log('');
  console.log('| kernel | shape | bound | native ms | wasm ms | wasm/native | goal | met? | native GB/s | wasm GB/s |');
  console.log('|---|---|---|---:|---:|---:|---:|---|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.kernel} | ${r.shape} | ${r.bound} | ${fmtMs(r.nativeMedianMs)} | ${fmtMs(r.wasmMedianMs)} | ` +
                `${r.ratio.toFixed(2)}x | ${r.goal}x | ${r.met ? 'yes' : 'no'} | ${gbs(r.bytes, r.nativeMedianMs)} | ` +
                `${gbs(r.bytes, r.wasmMedianMs)} |`);
  }
  for (const f of failures) console.log(`| ${f.kernel} | ${f.shape} | ${f.bound} | failed: ${f.error} |`);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(o.native)) fail(`${o.native} is missing (cmake --preset native && cmake --build --preset native)`);
  if (!existsSync(o.wasm)) {
    fail(`${o.wasm} is missing (emcmake cmake --preset wasm-bench && cmake --build --preset wasm-bench)`);
  }
  const native = startNative(o.native);
  const wasm = await startWasm(o.wasm);
  const rows = [];
  const failures = [];
  let meta;
  try {
    const cases = await ask(native, 'native', 'cases');
    const wasmCases = await ask(wasm, 'wasm', 'cases');
    if (JSON.stringify(cases) !== JSON.stringify(wasmCases)) throw new Error('the two builds list different cases');
    meta = {
      cpu: os.cpus()[0]?.model ?? 'unknown', cpus: os.cpus().length, node: process.versions.node,
      v8: process.versions.v8, rounds: o.rounds, warmup: o.warmup,
      native: trimmed(await ask(native, 'native', 'machine')), wasm: trimmed(await ask(wasm, 'wasm', 'machine')),
    };
    for (const c of cases) {
      if (o.only.length && !o.only.some((t) => c.id.includes(t))) continue;
      try {
        rows.push(await timeCase(c, native, wasm, o));
      } catch (e) {
        failures.push({ ...c, error: e.message });
      }
    }
  } finally {
    native.stop();
  }
  printTable(rows, failures, meta);
  mkdirSync(path.dirname(o.json), { recursive: true });
  writeFileSync(o.json, `${JSON.stringify({ ...meta, goals: GOALS, cases: rows, failures }, null, 1)}\n`);
  console.log(`\nfigures: ${path.relative(process.cwd(), o.json) || o.json}`);
  if (failures.length) return 1;
  return o.strict && rows.some((r) => !r.met) ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  console.error(`wasm_bench: ${e.message}`);
  process.exit(1);
});
