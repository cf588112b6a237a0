#!/usr/bin/env bash
# npm run bench: everything in bench/ on the native build (npm run build:native
# makes it), then the one table (bench/report.mjs -> build/bench/report.json and
# report.md). In order:
#   posenc_gbench        Google Benchmark: RoPE, copy bandwidth, FMA peak, tables,
#                        attention               -> build/bench/gbench.json
#   torch_peers.py       the PyTorch peers          -> build/bench/torch.json
#   peak_memory.py       peak memory against L      -> build/bench/memory.json
#   posenc_bench         cost of each scheme per (query, key) pair (its own table)
#   attention_memory.sh  peak RSS at L = 32768 (its own table)
#   wasm_bench.mjs       WASM vs native (builds the wasm-bench preset first, under
#                        emcmake)                   -> build/bench/wasm.json
#   site_bench.mjs       the site in Chromium, where dist/ is built -> build/bench/site.json
#   embed_bench.mjs      posenc-widgets.js: bytes, and time to the first widget on
#                        the example course page  -> build/bench/embed.json
#   report.mjs           every JSON above (and any other build/bench/*.json in the
#                        row format) in one table
# Every step runs even if one before it failed. Arguments go to posenc_bench (npm
# run bench -- --repeats 9). Exit status 1 if a step failed or posenc_bench /
# attention_memory.sh report a figure over their limits (a missed goal in the
# table is printed, not fatal: see bench/README.md).
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
out=build/bench
mkdir -p "$out"
# No stale figures: a step that fails leaves its rows out of the table.
rm -f "$out"/gbench.json "$out"/torch.json "$out"/memory.json "$out"/wasm.json "$out"/site.json "$out"/embed.json \
      "$out"/report.json "$out"/report.md

step() { echo; echo "== $*"; }

step "posenc_gbench (Google Benchmark, 1 thread)"
if [ -x build/native/posenc_gbench ]; then
  build/native/posenc_gbench --benchmark_out="$out/gbench.json" --benchmark_out_format=json || status=1
else
  echo "build/native/posenc_gbench is missing (Google Benchmark not found at configure time?): no kernel figures"
  status=1
fi

step "PyTorch peers (bench/torch_peers.py, 1 thread)"
/usr/bin/python3 bench/torch_peers.py --json "$out/torch.json" || status=1

step "peak memory against L (bench/peak_memory.py)"
/usr/bin/python3 bench/peak_memory.py --gbench build/native/posenc_gbench --json "$out/memory.json" || status=1

step "posenc_bench: the cost of each scheme per (query, key) pair"
build/native/posenc_bench "$@" || status=1

step "attention_memory.sh: peak memory at L = 32768"
POSENC_BIN=build/native/posenc bash bench/attention_memory.sh || status=1

step "WASM vs native (bench/wasm_bench.mjs)"
# Configure once (emcmake points CMake at Emscripten); later runs only rebuild.
wasm_log=$(mktemp)
if { [ -f build/wasm-bench/build.ninja ] || emcmake cmake --preset wasm-bench; } >"$wasm_log" 2>&1 &&
   cmake --build --preset wasm-bench >>"$wasm_log" 2>&1; then
  node bench/wasm_bench.mjs --json "$out/wasm.json" || status=1
else
  cat "$wasm_log"
  echo "WASM vs native: the wasm-bench build failed (above); no figures"
  status=1
fi
rm -f "$wasm_log"

step "the site in Chromium (bench/site_bench.mjs)"
if [ -f dist/index.html ]; then
  node bench/site_bench.mjs || status=1
else
  echo "dist/index.html is missing (npm run build:site makes it): no site figures"
fi

step "the embed script in Chromium (bench/embed_bench.mjs)"
node bench/embed_bench.mjs || status=1

step "the extrapolation lab's default run in Chromium (bench/lab_bench.mjs)"
if [ -f dist/06-extrapolation.html ]; then
  node bench/lab_bench.mjs || status=1
else
  echo "dist/06-extrapolation.html is missing (npm run build:site makes it): no lab figure"
fi

step "the table (bench/report.mjs)"
node bench/report.mjs --dir "$out" || status=1
exit "$status"
