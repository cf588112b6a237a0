#!/usr/bin/env bash
# The CUDA backend's compile check and tests (npm test calls this). Runs only where
# nvcc exists (Debian 12 has none unless the CUDA toolkit is installed; this
# project's machines have CUDA 13 in /usr/local/cuda). Without a GPU the tests
# print "SKIP: no CUDA device: ..." and pass; with one, they compare every kernel
# with the CPU reference.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/local/cuda/bin/nvcc ] && export PATH="$PATH:/usr/local/cuda/bin"
if ! command -v nvcc >/dev/null 2>&1; then
  echo "posenc: nvcc not found; the CUDA backend is not built or tested (install the CUDA toolkit to check it)"
  exit 0
fi
cmake --preset cuda >/dev/null
cmake --build --preset cuda
ctest --preset cuda
