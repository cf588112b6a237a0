#!/usr/bin/env bash
# npm run bench: the attention benchmarks on the native build (npm run build makes
# it), every table printed even if one fails. Arguments go to posenc_bench
# (npm run bench -- --repeats 9). Exit status 1 if either benchmark reports a
# figure over its limit or a failed run.
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
build/native/posenc_bench "$@" || status=1
echo
POSENC_BIN=build/native/posenc bash bench/attention_memory.sh || status=1
exit "$status"
