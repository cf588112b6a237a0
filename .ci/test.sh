#!/usr/bin/env bash
# `npm test`: every suite, in the order their inputs need, each stage named and
# timed (so a CI log shows where its minutes go), stopping at the first failure.
#   native build (CLI + doctest) -> doctest + CLI suite -> the same under ASan/UBSan
#   -> CUDA (skips without nvcc/GPU) -> wasm build -> posenc-widgets.js -> wasm suite
#   -> notebooks (executes the chapters, checks their numbers against the CLI)
#   -> site build (reuses the executed chapters) -> Chromium suites.
set -uo pipefail
cd "$(dirname "$0")/.."

start=$SECONDS
stage() {
  local name=$1
  shift
  local t0=$SECONDS
  echo "=== stage: $name"
  "$@"
  local rc=$?
  echo "=== stage: $name: $((SECONDS - t0)) s, exit $rc (total $((SECONDS - start)) s)"
  if [ "$rc" -ne 0 ]; then
    echo "npm test: stage '$name' failed (exit $rc)" >&2
    exit "$rc"
  fi
}

stage build:native:test npm run build:native:test
stage ctest:native ctest --preset native
stage build:asan npm run build:asan
stage ctest:native-asan ctest --preset native-asan
stage test:cuda npm run test:cuda
stage build:wasm npm run build:wasm
stage build:widgets npm run build:widgets
stage test:wasm npm run test:wasm
stage test:notebooks npm run test:notebooks
stage build:site npm run build:site
stage test:web npm run test:web
echo "npm test: every stage passed in $((SECONDS - start)) s"
