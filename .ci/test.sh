#!/usr/bin/env bash
# `npm test`: every suite, each stage named and timed (so a CI log shows where its
# minutes go), failing at the first stage that fails.
#
#   native build (CLI + doctest + fuzz replayers) -> doctest + CLI suite + kept fuzz
#   inputs -> wasm build -> posenc-widgets.js, then two lanes:
#   main:       wasm suite -> notebooks (executes the chapters, checks their numbers
#               against the CLI) -> site build -> Chromium suites -> CUDA tests
#               (where there is a GPU)
#   background: ASan/UBSan build (clang, with the fuzz targets) -> doctest + CLI
#               suite + kept fuzz inputs under ASan/UBSan -> 60 s of fuzzing
#
# Why two lanes: the sanitizer build is the longest compile, and the Chromium
# suites leave part of the CPU idle (they wait on pages and workers). One after the
# other the stages took over 20 minutes on a 2-vCPU machine. The background lane
# starts after the wasm build (started before it, the two compiles only share the
# cores), niced a little so the suites keep their pace; the CUDA tests follow the
# Chromium suites where there is a GPU, beside the lane's tail. The lane's log is printed when both are done; a failure in either
# fails the run (after both have finished).
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

sanitizer_lane() {
  stage build:asan npm run build:asan
  stage ctest:native-asan ctest --preset native-asan --parallel 3
  stage fuzz env POSENC_FUZZ_SEED=1 bash .ci/fuzz.sh 60
}

stage build:native:test npm run build:native:test
stage ctest:native ctest --preset native
stage build:wasm npm run build:wasm
stage build:widgets npm run build:widgets

mkdir -p build
lane_log=build/ci-sanitizer-lane.log
echo "=== the sanitizer lane (build:asan, ctest:native-asan, fuzz) runs in the background; its log follows the Chromium suites"
# Its own process group (setsid), so that a run that ends early stops it too.
(nice -n 5 setsid bash -c "$(declare -f stage sanitizer_lane); SECONDS=$SECONDS; start=$start; sanitizer_lane") > "$lane_log" 2>&1 &
lane=$!
trap 'kill -- -"$lane" 2>/dev/null' EXIT

stage test:wasm npm run test:wasm
stage test:notebooks npm run test:notebooks
stage build:site npm run build:site
web_rc=0
( stage test:web npm run test:web ) || web_rc=$?
cuda_rc=0
# Without a GPU the CUDA tests only skip, and nvcc's compile check costs 1.5 to 2.5
# minutes of a 2-core machine: npm test runs them where a GPU is present;
# `npm run test:cuda` compile-checks anywhere nvcc exists.
if nvidia-smi -L >/dev/null 2>&1; then
  ( stage test:cuda npm run test:cuda ) || cuda_rc=$?
else
  echo "=== stage: test:cuda: skipped (no GPU here; npm run test:cuda builds and compile-checks the CUDA backend where nvcc exists)"
fi
wait "$lane"
lane_rc=$?
trap - EXIT
echo "=== the sanitizer lane's log ($lane_log):"
cat "$lane_log"
if [ "$web_rc" -ne 0 ] || [ "$cuda_rc" -ne 0 ] || [ "$lane_rc" -ne 0 ]; then
  echo "npm test: failed (Chromium suites exit $web_rc, CUDA check exit $cuda_rc, sanitizer lane exit $lane_rc)" >&2
  exit 1
fi
echo "npm test: every stage passed in $((SECONDS - start)) s"
