#!/usr/bin/env bash
# Installs what posenc needs on Debian 12, as root, and nothing already present.
# Called by `npm test`, `npm start`, `npm run build` and `npm run bench`; safe to
# run again. `time` gives bench/attention_memory.sh /usr/bin/time -v; emscripten
# builds the WebAssembly module (npm run build:wasm); chromium runs the browser
# tests; python3-torch with the nbclient/ipykernel/nbformat trio executes the
# notebooks (tests/notebooks) and is the PyTorch peer of the benchmarks, on
# OpenBLAS (libopenblas0-pthread; the reference BLAS is 30x slower); libbenchmark-dev
# is Google Benchmark; clang with libclang-rt-14-dev (libFuzzer's and the
# sanitizers' runtimes) builds the native-asan preset and its fuzz targets
# (npm run fuzz). The npm devDependencies (playwright-core, typescript,
# esbuild, katex, markdown-it, highlight.js, axe-core) come from package-lock.json.
set -euo pipefail

packages=(cmake ninja-build g++ libeigen3-dev doctest-dev time emscripten chromium
          python3-torch python3-nbclient python3-ipykernel python3-nbformat python3-nbconvert
          libopenblas0-pthread libbenchmark-dev clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node runs the CLI tests; any node on PATH will do (npm brought one).
command -v node >/dev/null 2>&1 || missing+=(nodejs)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "posenc setup: missing Debian packages: ${missing[*]}; run as root or install them with apt-get" >&2
    exit 1
  fi
  echo "posenc setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages: installed from the lockfile when missing or older than it.
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "posenc setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
