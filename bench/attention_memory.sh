#!/usr/bin/env bash
# Peak resident memory of `posenc attention` at L = 32768, H = 8, d = 64, causal,
# for alibi, t5 and rope, measured by /usr/bin/time -v for the whole process.
#
# The requirement: the fast path's extra memory grows linearly with L, so each run
# stays under 256 MB (10^6 bytes). A materialized L x L float32 matrix would take
# 32768^2 * 4 B = 4 GiB per head; the inputs of one head (Q, K, V, output: 4 x L x d
# float32) take 32 MiB. A tiny run (L = 16) gives the process baseline (binary,
# libc, buffers), so the table shows attention's share beside the total.
#
# Usage: bench/attention_memory.sh [--length L]   (default 32768; smaller for a
# quick look, the limit stays the same). Builds nothing: runs $POSENC_BIN, else
# build/native/posenc (npm run build). Exit status 1 if a run fails or is over the
# limit, 2 for bad usage or a missing tool.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${POSENC_BIN:-build/native/posenc}"
length=32768
heads=8
dim=64
limit_mb=256
schemes=(alibi t5 rope)

while [ $# -gt 0 ]; do
  case "$1" in
    --length)
      [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "attention_memory.sh: --length: got ${2:-nothing}; allowed: a positive integer" >&2; exit 2; }
      length="$2"; shift 2 ;;
    *) echo "attention_memory.sh: option: got $1; allowed: --length" >&2; exit 2 ;;
  esac
done

if [ ! -x /usr/bin/time ]; then
  echo "attention_memory.sh: /usr/bin/time not found (Debian package 'time'; npm run setup installs it)" >&2
  exit 2
fi
if [ ! -x "$bin" ]; then
  echo "attention_memory.sh: $bin not found; run npm run build or set POSENC_BIN" >&2
  exit 2
fi
if ! "$bin" attention --help >/dev/null 2>&1; then
  echo "attention_memory.sh: $bin has no 'attention' command" >&2
  exit 2
fi

report="$(mktemp)"
errors="$(mktemp)"
trap 'rm -f "$report" "$errors"' EXIT

# Runs `posenc attention` for scheme $1 at length $2 under /usr/bin/time -v; sets
# rss_kb, wall_s and status.
measure() {
  status=0
  /usr/bin/time -v -o "$report" "$bin" attention --scheme "$1" --length "$2" --heads "$heads" --dim "$dim" \
    --causal >/dev/null 2>"$errors" || status=$?
  rss_kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$report")"
  # "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.35" -> seconds
  wall_s="$(awk -F': ' '/Elapsed \(wall clock\)/ {
      n = split($2, p, ":"); s = 0; for (i = 1; i <= n; ++i) s = s * 60 + p[i]; printf "%.2f", s }' "$report")"
  rss_kb="${rss_kb:-0}"
  wall_s="${wall_s:-0}"
}

mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb * 1024 / 1e6 }'; }

echo "posenc attention: peak resident memory (/usr/bin/time -v, whole process), causal, limit ${limit_mb} MB (10^6 B)"
echo "binary: $bin"
echo "machine: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo); $(nproc) CPUs online"

measure none 16
if [ "$status" -ne 0 ]; then
  echo "baseline run failed (exit $status):" >&2
  tail -n 5 "$errors" >&2
  exit 1
fi
base_kb="$rss_kb"
echo "process baseline (scheme none, L = 16, H = $heads, d = $dim): $(mb "$base_kb") MB"
echo

printf '%-8s %7s %3s %4s %13s %14s %10s %7s %8s  %s\n' \
  scheme L H d "peak RSS MB" "above base MB" "limit MB" ratio "wall s" verdict
failed=0
for s in "${schemes[@]}"; do
  measure "$s" "$length"
  ratio="$(awk -v kb="$rss_kb" -v lim="$limit_mb" 'BEGIN { printf "%.3f", kb * 1024 / 1e6 / lim }')"
  above="$(awk -v kb="$rss_kb" -v b="$base_kb" 'BEGIN { v = (kb - b) * 1024 / 1e6; if (v < 0.05 && v > -0.05) v = 0; printf "%.1f", v }')"
  if [ "$status" -ne 0 ]; then
    verdict="FAILED (exit $status)"
    failed=1
  elif awk -v kb="$rss_kb" -v lim="$limit_mb" 'BEGIN { exit !(kb * 1024 >= lim * 1e6) }'; then
    verdict="OVER"
    failed=1
  else
    verdict="ok"
  fi
  printf '%-8s %7s %3s %4s %13s %14s %10s %7s %8s  %s\n' \
    "$s" "$length" "$heads" "$dim" "$(mb "$rss_kb")" "$above" "$limit_mb" "$ratio" "$wall_s" "$verdict"
  if [ "$status" -ne 0 ]; then
    tail -n 5 "$errors" | sed 's/^/    /' >&2
  fi
done

if [ "$failed" -ne 0 ]; then
  echo "attention_memory.sh: a run failed or was over ${limit_mb} MB" >&2
  exit 1
fi
