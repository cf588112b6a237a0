#!/usr/bin/env bash
# npm run bench: the attention benchmarks on the native build (npm run build makes
# it), then the WASM vs native kernels (wasm_bench.mjs; this script builds the
# wasm-bench preset first, under emcmake), every table printed even if one fails.
# Arguments go to posenc_bench (npm run bench -- --repeats 9). Exit status 1 if a
# benchmark reports a figure over its limit or a failed run or build (a missed
# WASM goal is printed, not fatal: see bench/README.md).
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
build/native/posenc_bench "$@" || status=1
echo
POSENC_BIN=build/native/posenc bash bench/attention_memory.sh || status=1
echo
# Configure once (emcmake points CMake at Emscripten); later runs only rebuild.
wasm_log=$(mktemp)
if { [ -f build/wasm-bench/build.ninja ] || emcmake cmake --preset wasm-bench; } >"$wasm_log" 2>&1 &&
   cmake --build --preset wasm-bench >>"$wasm_log" 2>&1; then
  node bench/wasm_bench.mjs || status=1
else
  cat "$wasm_log"
  echo "WASM vs native: the wasm-bench build failed (above); no figures"
  status=1
fi
rm -f "$wasm_log"
exit "$status"
