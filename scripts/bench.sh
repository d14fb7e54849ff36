#!/usr/bin/env bash
# Measures the skeleton's budgets on the release build:
#   1. cold start to the first 200 from /healthz (fresh SQLite file, and an existing one);
#   2. first-load weight of public pages, compressed (HTML + CSS + JS + WASM);
#   3. page latency under 20 concurrent clients;
#   4. judging: the assignment planner and the rankings at KIPP scale (app/examples), and
#      score sheets submitted at once (tests/examples/score_bench.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
server_bin="$TARGET_DIR/release/sayembara-server"
port=${BENCH_PORT:-3108}
data_dir=$(mktemp -d)
trap 'rm -rf "$data_dir"' EXIT

start_ms() { date +%s%3N; }

cold_start() {
  local t0 pid t1
  t0=$(start_ms)
  SAYEMBARA_ADDR="127.0.0.1:$port" SAYEMBARA_DATA_DIR="$data_dir" LEPTOS_SITE_ROOT=target/site \
    DATABASE_URL= SAYEMBARA_LOG=warn "$server_bin" >/dev/null 2>&1 &
  pid=$!
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; do sleep 0.005; done
  t1=$(start_ms)
  echo $((t1 - t0))
  if [ "${2:-stop}" = stop ]; then kill -TERM "$pid"; wait "$pid" || true; else echo "$pid" >"$data_dir/pid"; fi
}

echo "== Cold start to 200 from /healthz (release, SQLite)"
first=$(cold_start fresh)
echo "first start, empty database (migrations, regions, demo seed): ${first} ms"
runs=()
for _ in 1 2 3 4 5; do runs+=("$(cold_start existing)"); done
echo "restart on an existing database, 5 runs: ${runs[*]} ms"

# Leave one server running for the page measurements.
cold_start existing keep >/dev/null
pid=$(cat "$data_dir/pid")
trap 'kill -TERM $pid 2>/dev/null; rm -rf "$data_dir"' EXIT

rss_kb() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status"; }
mb() { awk -v kb="$1" 'BEGIN {printf "%.1f MB", kb / 1024}'; }
sleep 1
idle_rss=$(rss_kb "$pid" VmRSS)
idle_anon=$(rss_kb "$pid" RssAnon)

echo "== First load, compressed (brotli), HTML + CSS + JS + WASM"
python3 scripts/page_weight.py "http://127.0.0.1:$port" / /kompetisi /kompetisi/kipp-daerah-2027

echo "== Latency, 20 concurrent clients"
python3 scripts/latency.py "http://127.0.0.1:$port" / 20 2000
python3 scripts/latency.py "http://127.0.0.1:$port" /healthz 20 2000

echo "== Sign-in (Argon2id, default cost: 19 MiB, t=2, p=1), 20 concurrent clients"
# People: each of 20 signs in about once a second (random gaps), 20 times.
python3 scripts/signin_bench.py "http://127.0.0.1:$port" 20 20 1
# Saturation: 20 clients signing in back to back; bounded by Argon2 on the machine's cores.
python3 scripts/signin_bench.py "http://127.0.0.1:$port" 20 10

echo "== Draft saves (one section, autosave), 50 concurrent writers, SQLite; upload memory"
# People typing: each of 50 writers autosaves about once a second.
python3 scripts/draft_bench.py "http://127.0.0.1:$port" 50 20 1 "$pid"
# Saturation: 50 writers saving back to back.
python3 scripts/draft_bench.py "http://127.0.0.1:$port" 50 20 0

echo "== Server memory (SQLite server, the one every row above used)"
after_rss=$(rss_kb "$pid" VmRSS)
peak_rss=$(rss_kb "$pid" VmHWM)
echo "RSS at idle after start $(mb "$idle_rss") (heap $(mb "$idle_anon")), peak $(mb "$peak_rss"), right after the load $(mb "$after_rss") (heap $(mb "$(rss_kb "$pid" RssAnon)"))"
sleep 60
echo "RSS 60 s after the load $(mb "$(rss_kb "$pid" VmRSS)") (heap $(mb "$(rss_kb "$pid" RssAnon)"); the rest is the program's own code, mapped from its file)"

# The same on PostgreSQL, when a server is reachable (.ci/run and the project machines).
pg_url=${BENCH_POSTGRES_URL:-${TEST_POSTGRES_URL:-}}
if [ -n "$pg_url" ] && command -v psql >/dev/null; then
  bench_db="sayembara_bench_$$"
  admin_url="${pg_url%/*}/postgres"
  psql "$admin_url" -qc "create database $bench_db" >/dev/null
  pg_port=$((port + 1))
  SAYEMBARA_ADDR="127.0.0.1:$pg_port" SAYEMBARA_DATA_DIR="$data_dir/pg" LEPTOS_SITE_ROOT=target/site \
    DATABASE_URL="${pg_url%/*}/$bench_db" SAYEMBARA_LOG=warn "$server_bin" >/dev/null 2>&1 &
  pg_pid=$!
  until curl -fsS -o /dev/null "http://127.0.0.1:$pg_port/healthz" 2>/dev/null; do sleep 0.05; done
  echo "== Draft saves (one section, autosave), 50 concurrent writers, PostgreSQL"
  python3 scripts/draft_bench.py "http://127.0.0.1:$pg_port" 50 20 1
  python3 scripts/draft_bench.py "http://127.0.0.1:$pg_port" 50 20 0
  kill -TERM "$pg_pid"; wait "$pg_pid" || true
  psql "$admin_url" -qc "drop database $bench_db" >/dev/null
else
  echo "(PostgreSQL draft-save run skipped: set BENCH_POSTGRES_URL or TEST_POSTGRES_URL)"
fi

echo "== Judging: the assignment planner and the rankings (pure code, release build)"
cargo run --quiet --release -p sayembara-app --features ssr --example judging_bench

echo "== Judging: score sheets submitted by 60 jurors at once (release build, SQLite and PostgreSQL)"
TEST_POSTGRES_URL=${TEST_POSTGRES_URL:-${BENCH_POSTGRES_URL:-}} \
  cargo run --quiet --release -p sayembara-tests --example score_bench
