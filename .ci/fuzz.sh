#!/usr/bin/env bash
# `npm run fuzz [-- SECONDS]`: runs the libFuzzer targets (cpp/fuzz) for SECONDS in
# all (default 300; CI's sanitizer lane gives 60), split evenly between
# posenc_fuzz_api and posenc_fuzz_cli. Each runs under ASan/UBSan (the native-asan
# preset, built here if needed) on a scratch copy of its corpus (tests/fuzz/<target>/),
# so the committed seeds stay as they are, and prints its exec/s and coverage.
# POSENC_FUZZ_SEED=<n> fixes libFuzzer's random seed (CI uses one, so that a red
# run is the code's doing and can be replayed; without it each run explores anew).
#
# On a crash the input is kept as tests/fuzz/<target>/crash-<sha1> (a regression
# case: CTest's fuzz-regressions replays it in every build) and the script exits
# non-zero, saying how to replay it.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-300}
case "$seconds" in
  ''|*[!0-9]*) echo "fuzz: seconds: got \"$seconds\"; allowed: a whole number of seconds >= 2" >&2; exit 2 ;;
esac
if [ "$seconds" -lt 2 ]; then
  echo "fuzz: seconds: got $seconds; allowed: a whole number of seconds >= 2" >&2
  exit 2
fi

build=build/native-asan
if [ ! -x "$build/cpp/fuzz/posenc_fuzz_api" ] || [ ! -x "$build/cpp/fuzz/posenc_fuzz_cli" ]; then
  bash .ci/setup.sh && cmake --preset native-asan >/dev/null || exit 1
fi
# Up to date either way (a no-op when nothing changed).
cmake --build --preset native-asan --target posenc_fuzz_api posenc_fuzz_cli || exit 1

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
share=$((seconds / 2))
status=0
# Both targets at once, each for half the time: they are single-threaded, and a
# 2-core CI machine runs them side by side (60 s of fuzzing in 30 s of wall time).
for target in api cli; do
  corpus=$scratch/$target
  mkdir -p "$corpus" "$scratch/$target-artifacts"
  cp tests/fuzz/$target/* "$corpus/"
  echo "=== fuzz $target: ${share} s on $(ls "$corpus" | wc -l) corpus inputs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/cpp/fuzz/posenc_fuzz_$target" -max_total_time="$share" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 ${POSENC_FUZZ_SEED:+-seed="$POSENC_FUZZ_SEED"} \
    -artifact_prefix="$scratch/$target-artifacts/" "$corpus" >"$scratch/$target.log" 2>&1 &
  echo $! >"$scratch/$target.pid"
done
for target in api cli; do
  wait "$(cat "$scratch/$target.pid")"
  rc=$?
  log=$scratch/$target.log
  artifacts=$scratch/$target-artifacts
  echo "=== fuzz $target: exit $rc"
  # The last status line (inputs run, coverage, exec/s) and the final stats.
  grep -E '^#[0-9]+' "$log" | tail -n 1
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb|new_units_added)' "$log"
  # crash-, leak-, timeout-, oom- files are failures; slow-unit- files only a note.
  crashes=$(find "$artifacts" -type f ! -name 'slow-unit-*' | sort)
  find "$artifacts" -type f -name 'slow-unit-*' | sed 's/^/fuzz: slow input (not a failure): /'
  if [ "$rc" -ne 0 ] || [ -n "$crashes" ]; then
    status=1
    echo "fuzz $target: FAILED (exit $rc); the fuzzer's report:" >&2
    grep -E 'posenc fuzz: BUG|ERROR: (AddressSanitizer|libFuzzer|UndefinedBehaviorSanitizer)|runtime error|SUMMARY' "$log" | head -n 20 >&2
    for f in $crashes; do
      kept=tests/fuzz/$target/crash-$(sha1sum "$f" | cut -c1-40)
      cp "$f" "$kept"
      echo "fuzz $target: kept the input as $kept; replay it with" >&2
      echo "  $build/cpp/fuzz/posenc_fuzz_$target $kept        (or build/native/cpp/fuzz/posenc_fuzz_replay_$target $kept)" >&2
    done
  fi
done
exit "$status"
