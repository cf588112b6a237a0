#!/usr/bin/env bash
# For a machine with a CUDA GPU (H100 / H200, sm_90): build the `cuda` preset, run
# the CUDA tests (each kernel against the CPU reference) and the GPU benchmark.
# Prints the tests' output and the benchmark's JSON; writes the JSON to
# ${OUT:-build/cuda}/cuda_bench.json. Exit status: the tests' (the benchmark
# prints figures, it asserts nothing). Usage, from the repository root:
#   bash cpp/cuda/run_on_device.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
out="${OUT:-build/cuda}"
mkdir -p "$out"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
cmake --preset cuda >/dev/null || exit 1
cmake --build --preset cuda -j"$(nproc)" || exit 1
ctest --preset cuda
rc=$?
build/cuda/cpp/cuda/posenc_cuda_bench --repeats 10 | tee "$out/cuda_bench.json"
exit $rc
