#!/usr/bin/env node
// bench/report.mjs: one table from every benchmark's JSON in build/bench/.
//
//   node bench/report.mjs                 -> build/bench/report.json, build/bench/report.md, stdout
//   node bench/report.mjs --dir DIR       read and write DIR instead of build/bench
//
// Reads (each optional; a missing file leaves its rows out and says so):
//   gbench.json   posenc_gbench (Google Benchmark JSON): kernels, copy, FMA peak
//   torch.json    bench/torch_peers.py: the PyTorch peers, same case names
//   memory.json   bench/peak_memory.py: peak RSS above base, ours and PyTorch's
//   wasm.json     bench/wasm_bench.mjs: wasm / native time per kernel case
//   any other *.json that already holds rows (a list of them, or {"rows": [...]}),
//   such as a browser harness's site.json or embed_bench.mjs's embed.json.
//
// A row: {name, value, unit, against, against_value, ratio, goal, goal_is}.
// ratio = value / against_value, both in `unit`, measured in the same run. goal is
// the ratio issue 7 asks for, or null where it asks none; goal_is says which side of
// it passes: "at least" (throughputs: ours over the limit or the peer) or "at most"
// (peak memory, ours over PyTorch's; wasm time over native time). A row from another
// file without goal_is is read as "at least", unless its goal is a string with the
// comparison in it ("ratio <= 1", as site_bench.mjs writes).
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const OWN = new Set(['gbench.json', 'torch.json', 'memory.json', 'wasm.json', 'report.json']);
const ROW_KEYS = ['name', 'value', 'unit', 'against', 'against_value', 'ratio', 'goal'];

// Goals of issue 7 ("Goals", as ratios measured in one run).
const GOAL = {
  ropeInL2: 0.8, // RoPE whose tensors fit in L2: of the in-cache copy bandwidth
  ropeOutOfCache: 0.9, // RoPE on tensors larger than the cache: of the copy bandwidth
  biasVsNone: 0.9, // attention with an on-the-fly bias: of the same kernel without bias
  attnVsTorch: 1.5, // attention at L >= 2048: of PyTorch's throughput
  memVsTorch: 0.1, // ... with at most a tenth of its peak memory
};
const LONG = 2048; // "at L >= 2048"

function parseArgs(argv) {
  let dir = path.join(root, 'build/bench');
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--dir' && i + 1 < argv.length) dir = path.resolve(argv[++i]);
    else if (argv[i] === '--help') {
      console.log('report.mjs [--dir DIR]: merges DIR/*.json (default build/bench) into DIR/report.json and report.md');
      process.exit(0);
    } else {
      console.error(`report.mjs: ${argv[i]}: unknown option; allowed: --dir DIR, --help`);
      process.exit(2);
    }
  }
  return { dir };
}

function readJson(file, notes) {
  if (!existsSync(file)) {
    notes.push(`${path.basename(file)}: missing, its rows are left out`);
    return null;
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    notes.push(`${path.basename(file)}: unreadable (${e.message}), its rows are left out`);
    return null;
  }
}

function row(name, value, unit, against, againstValue, goal, goalIs = 'at least') {
  const ok = Number.isFinite(value) && Number.isFinite(againstValue) && againstValue !== 0;
  return {
    name,
    value,
    unit,
    against,
    against_value: againstValue ?? null,
    ratio: ok ? value / againstValue : null,
    goal,
    goal_is: goalIs,
  };
}

/** Google Benchmark results by case name ("rope/half/L:16"): the median of the
 *  repetitions where there are some, else the single run. */
function gbenchResults(g) {
  const byName = new Map();
  for (const b of g.benchmarks ?? []) {
    const isMedian = b.run_type === 'aggregate' && b.aggregate_name === 'median';
    if (b.run_type === 'aggregate' && !isMedian) continue;
    const name = b.run_name.replace(/\/(repeats|iterations|min_time|min_warmup_time):[^/]+/g, '');
    if (isMedian || !byName.has(name)) byName.set(name, b);
  }
  return byName;
}

function cacheSize(g, level) {
  const c = (g.context?.caches ?? []).find((x) => x.level === level && x.type !== 'Instruction');
  return c ? c.size : null;
}

const G = 1e9;

function limitAndKernelRows(g, torch) {
  const rows = [];
  const res = gbenchResults(g);
  const peer = new Map((torch?.cases ?? []).map((c) => [c.name, c.rate]));
  const l2 = cacheSize(g, 2);
  const l3 = cacheSize(g, 3);
  const fma = res.get('peak/fma')?.FLOPS;

  if (torch && fma) {
    rows.push(row('PyTorch sgemm 1024^3 (its BLAS, 1 thread)', torch.sgemm_gflops, 'GFLOP/s', 'fp32 FMA peak',
                  fma / G, null));
  }

  // RoPE: GB/s against the copy of the same bytes, and against PyTorch.
  const ropeLengths = [...res.keys()].filter((n) => n.startsWith('rope/half/')).map((n) => +n.split('L:')[1]);
  // rope/: tables made once outside the call (the peers' form); rope_sincos/: cos and
  // sin formed in the call, held to no goal.
  for (const [kind, pairing] of [['rope', 'half'], ['rope', 'interleaved'], ['rope_sincos', 'half']]) {
    for (const L of ropeLengths) {
      const r = res.get(`${kind}/${pairing}/L:${L}`);
      if (!r) continue;
      const bytes = 2 * 4 * 32 * L * 128; // shapes.hpp rope_bytes
      const copies = [res.get(`copy/memcpy/L:${L}`), res.get(`copy/loop/L:${L}`)].map((b) => b?.bytes_per_second ?? 0);
      const copy = Math.max(...copies);
      const inL2 = l2 !== null && bytes <= l2;
      const outOfCache = l3 !== null && bytes >= 2 * l3;
      const where = inL2 ? 'in L2' : outOfCache ? 'beyond L3' : 'in L3';
      const goal = kind !== 'rope' ? null : inL2 ? GOAL.ropeInL2 : outOfCache ? GOAL.ropeOutOfCache : null;
      const shape = `RoPE ${pairing}${kind === 'rope' ? '' : ' (cos, sin in the call)'} H=32 L=${L} d=128`;
      rows.push(row(`${shape} (${(bytes / 2 ** 20).toFixed(1)} MiB moved, ${where})`, r.bytes_per_second / G, 'GB/s',
                    `copy of the same bytes (${copies[0] >= copies[1] ? 'memcpy' : 'loop'})`, copy / G, goal));
      const p = peer.get(`${kind}/${pairing}/L:${L}`);
      if (p) {
        rows.push(row(`${shape} vs PyTorch`, r.bytes_per_second / G, 'GB/s',
                      pairing === 'half' ? 'PyTorch rotate_half (HF)' : 'PyTorch complex multiply (Meta Llama)', p / G,
                      null));
      }
    }
  }

  // Tables: elements/s against PyTorch.
  for (const [name, b] of res) {
    if (!name.startsWith('table/')) continue;
    const [, kind, len] = name.split('/');
    const label = kind === 'sinusoid' ? `sinusoid table L=${len.slice(2)} D=512` : `RoPE cos/sin table L=${len.slice(2)} d=128`;
    const peerName = kind === 'sinusoid' ? 'PyTorch (Annotated Transformer)' : 'PyTorch (HF outer, cos, sin)';
    rows.push(row(label, b.items_per_second / 1e6, 'M elements/s', peerName, (peer.get(name) ?? NaN) / 1e6, null));
  }

  // Attention: GFLOP/s against the FMA peak, against PyTorch, and the bias against none.
  for (const [name, b] of res) {
    if (!name.startsWith('attention/')) continue;
    const [, scheme, len] = name.split('/');
    const L = +len.slice(2);
    const shape = `attention ${scheme} H=8 L=${L} d=64`;
    const flops = b.FLOPS / G;
    rows.push(row(`${shape} vs peak`, flops, 'GFLOP/s', 'fp32 FMA peak, 1 thread', fma / G, null));
    if (peer.has(name)) {
      rows.push(row(`${shape} vs PyTorch`, flops, 'GFLOP/s', 'PyTorch softmax(q k^T/sqrt(d) + mask) v', peer.get(name) / G,
                    L >= LONG ? GOAL.attnVsTorch : null));
    }
    const none = res.get(`attention/none/L:${L}`);
    if (scheme !== 'none' && none) {
      rows.push(row(`${shape} vs none`, flops, 'GFLOP/s', 'attention none, same L', none.FLOPS / G,
                    scheme === 'rope' ? null : GOAL.biasVsNone));
    }
  }
  return rows;
}

function memoryRows(m) {
  return (m.measurements ?? []).map((x) =>
    row(`peak memory attention ${x.scheme} H=8 L=${x.length} d=64 (above base)`, x.above_base.ours / 2 ** 20, 'MiB',
        'PyTorch with its H x L x L mask', x.above_base.torch / 2 ** 20, x.length >= LONG ? GOAL.memVsTorch : null,
        'at most'));
}

function wasmRows(w) {
  // The ratio is wasm_bench's: the median over rounds of each pair's wasm / native
  // time, which need not equal the quotient of the two medians shown.
  return (w.cases ?? []).map((c) => ({
    ...row(`WASM ${c.id} (${c.shape}, ${c.bound}-bound) time`, c.wasmMedianMs, 'ms', 'native, same kernel',
           c.nativeMedianMs, c.goal ?? null, 'at most'),
    ratio: c.ratio ?? null,
  }));
}

function foreignRows(dir, notes) {
  const rows = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json') && !OWN.has(x)).sort()) {
    const j = readJson(path.join(dir, f), notes);
    const list = Array.isArray(j) ? j : j?.rows;
    if (!Array.isArray(list) || !list.every((r) => ROW_KEYS.every((k) => k in r))) {
      notes.push(`${f}: not in the row format, left out`);
      continue;
    }
    for (const r of list) rows.push({ ...r, goal_is: r.goal_is ?? 'at least', source: f });
  }
  return rows;
}

/** A row's goal as {op, bound}: a number with goal_is, or a string such as
 *  "ratio <= 1" (site_bench.mjs writes those); null where there is none. */
function goalOf(r) {
  if (typeof r.goal === 'number') return { op: r.goal_is === 'at most' ? '<=' : '>=', bound: r.goal };
  const m = typeof r.goal === 'string' ? /(<=|>=)\s*([0-9.eE+-]+)/.exec(r.goal) : null;
  return m ? { op: m[1], bound: Number(m[2]) } : null;
}

function met(r) {
  const g = goalOf(r);
  if (!g) return '';
  if (r.ratio === null || r.ratio === undefined) return 'no figure';
  return (g.op === '<=' ? r.ratio <= g.bound : r.ratio >= g.bound) ? 'yes' : 'NO';
}

function fmt(x) {
  if (x === null || x === undefined || !Number.isFinite(x)) return '-';
  const a = Math.abs(x);
  return a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : a >= 1 ? x.toFixed(2) : x.toPrecision(3);
}

function markdown(rows, header) {
  const lines = [...header, '', '| figure | value | unit | against | its value | ratio | goal | met |', '|---|--:|---|---|--:|--:|--:|---|'];
  for (const r of rows) {
    const g = goalOf(r);
    const goal = g ? `${g.op} ${g.bound}` : '';
    lines.push(`| ${r.name} | ${fmt(r.value)} | ${r.unit} | ${r.against ?? '-'} | ${fmt(r.against_value)} | ` +
               `${fmt(r.ratio)} | ${goal} | ${met(r)} |`);
  }
  return lines.join('\n') + '\n';
}

function main() {
  const { dir } = parseArgs(process.argv.slice(2));
  if (!existsSync(dir)) {
    console.error(`report.mjs: --dir: ${dir} does not exist (run bench/run.sh first)`);
    process.exit(2);
  }
  const notes = [];
  const g = readJson(path.join(dir, 'gbench.json'), notes);
  const torch = readJson(path.join(dir, 'torch.json'), notes);
  const mem = readJson(path.join(dir, 'memory.json'), notes);
  const wasm = readJson(path.join(dir, 'wasm.json'), notes);

  const rows = [
    ...(g ? limitAndKernelRows(g, torch) : []),
    ...(mem ? memoryRows(mem) : []),
    ...(wasm ? wasmRows(wasm) : []),
    ...foreignRows(dir, notes),
  ];

  const ctx = g?.context ?? {};
  const header = [
    '## posenc benchmarks',
    '',
    `Machine: ${ctx.posenc_cpu ?? 'unknown CPU'}, ${ctx.num_cpus ?? '?'} CPUs at ${ctx.mhz_per_cpu ?? '?'} MHz, ` +
      `L2 ${fmt((cacheSize(g ?? {}, 2) ?? NaN) / 2 ** 10)} KiB, L3 ${fmt((cacheSize(g ?? {}, 3) ?? NaN) / 2 ** 20)} MiB; ` +
      `load average ${(ctx.load_avg ?? []).map((x) => x.toFixed(1)).join(' ') || '?'} at the start (${ctx.date ?? '?'}).`,
    `Native: ${ctx.posenc_compiler ?? '?'} ${ctx.posenc_flags ?? ''}, ${ctx.posenc_threads ?? '?'} thread. ` +
      (torch ? `PyTorch ${torch.torch}, ${torch.threads} thread, BLAS ${(torch.blas ?? []).map((p) => path.basename(p)).join(' ') || '?'}.` : ''),
    'Every ratio is value / against, both measured in the same run; times are CPU time (Google Benchmark default, ' +
      'Python process_time), wasm rows wall time. Attention FLOP = 4 L^2 d H (the two products), full mask.',
  ];
  const md = markdown(rows, header) + (notes.length ? '\n' + notes.map((n) => `- ${n}`).join('\n') + '\n' : '');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'report.json'), JSON.stringify(rows, null, 1) + '\n');
  writeFileSync(path.join(dir, 'report.md'), md);
  process.stdout.write(md);
  const missed = rows.filter((r) => met(r) === 'NO').length;
  const withGoal = rows.filter((r) => met(r) !== '').length;
  console.log(`\n${rows.length} rows, ${withGoal} with a goal, ${missed} missed; ` +
              `written to ${path.relative(process.cwd(), path.join(dir, 'report.json'))} and report.md`);
}

main();
