#!/usr/bin/env bash
# Runs the black-box test binaries again and again, to tell a flaky suite from a sound one.
#   scripts/repeat-tests.sh [RUNS] [TEST_FILTER...]
# RUNS defaults to 20. Each run executes every test binary of `sayembara-tests` once
# (SQLite and PostgreSQL halves of each test side by side, as `cargo test` does, when
# TEST_POSTGRES_URL is set), and the script counts the runs in which everything passed.
# Filters pass to the test binaries (e.g. `scripts/repeat-tests.sh 20 permission_table`).
# The output of a failed run is kept in /tmp/sayembara-repeat-<run>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
runs=${1:-20}
shift || true

if [ -z "${TEST_POSTGRES_URL:-}" ]; then
  echo "TEST_POSTGRES_URL is not set: only the SQLite halves run" >&2
fi
if ! cargo test -p sayembara-tests --no-run --message-format=json \
  >/tmp/sayembara-repeat-build.json 2>/tmp/sayembara-repeat-build.log; then
  tail -30 /tmp/sayembara-repeat-build.log >&2
  echo "the test binaries did not build" >&2
  exit 1
fi
binaries=$(python3 -c 'import json,sys
for line in open(sys.argv[1]):
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["profile"]["test"]:
        print(m["executable"])' /tmp/sayembara-repeat-build.json)
[ -n "$binaries" ] || { echo "no test binaries were built" >&2; exit 1; }
# cargo runs a package's tests from the package's directory; so do we.
cd tests

passed=0
for run in $(seq 1 "$runs"); do
  log=/tmp/sayembara-repeat-$run.log
  t0=$(date +%s)
  ok=1
  : >"$log"
  for bin in $binaries; do
    if ! "$bin" "$@" >>"$log" 2>&1; then ok=0; fi
  done
  secs=$(( $(date +%s) - t0 ))
  tests=$(awk '/^test result:/ {p+=$4; f+=$6} END {print p+0 " passed, " f+0 " failed"}' "$log")
  if [ $ok = 1 ]; then
    passed=$((passed + 1))
    echo "run $run/$runs: passed ($tests, ${secs} s)"
    rm -f "$log"
  else
    echo "run $run/$runs: FAILED ($tests, ${secs} s; output in $log)"
    grep -E "^test .* FAILED$|panicked at|expected" "$log" | head -20 || true
  fi
done
echo "$passed of $runs runs passed"
[ "$passed" = "$runs" ]
