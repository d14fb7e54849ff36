#!/usr/bin/env bash
# Starts the release server on a fresh SQLite database, runs Playwright against it,
# then stops it with SIGTERM and checks it shut down cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
server_bin=${1:?usage: browser-tests.sh SERVER_BINARY [PLAYWRIGHT ARGS…]}
port=${BROWSER_TEST_PORT:-3107}
data_dir=$(mktemp -d)
log="$data_dir/server.log"
provider_port=$((port + 1))

# The platform admins the specs sign in as (tests/browser/helpers.ts `adminAddress`): one
# per test that needs one and per Playwright project, since both projects run at once.
# The server promotes each once its address is verified, as it does in production; no
# spec writes to the database.
admin_keys="outbox members setup eligibility organizations invitations proposals mentoring header judging results"
admin_emails=""
for key in $admin_keys; do
  for project in js nojs; do
    admin_emails="${admin_emails:+$admin_emails,}admin.$key.$project@sayembara.go.id"
  done
done
export SAYEMBARA_ADMIN_EMAILS="$admin_emails"

# A stand-in OAuth2 provider, so the "sign in with" journey runs for real.
python3 scripts/mock_oauth_provider.py "$provider_port" &
provider_pid=$!
provider="http://127.0.0.1:$provider_port"

SAYEMBARA_ADDR="127.0.0.1:$port" SAYEMBARA_DATA_DIR="$data_dir" LEPTOS_SITE_ROOT=target/site \
  SAYEMBARA_PUBLIC_URL="http://127.0.0.1:$port" \
  SAYEMBARA_OAUTH_NAME="SSO Uji" SAYEMBARA_OAUTH_CLIENT_ID=sayembara-browser SAYEMBARA_OAUTH_CLIENT_SECRET=rahasia-browser \
  SAYEMBARA_OAUTH_AUTHORIZE_URL="$provider/authorize" SAYEMBARA_OAUTH_TOKEN_URL="$provider/token" \
  SAYEMBARA_OAUTH_USERINFO_URL="$provider/userinfo" \
  DATABASE_URL= SAYEMBARA_LOG=info "$server_bin" >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" "$provider_pid" 2>/dev/null || true; rm -rf "$data_dir"; }
trap cleanup EXIT

for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "the server exited during start-up"; exit 1; }
  sleep 0.1
done

status=0
SAYEMBARA_TEST_DB="$data_dir/sayembara.db" BASE_URL="http://127.0.0.1:$port" npx playwright test --config tests/browser/playwright.config.ts "${@:2}" || status=$?

# Graceful shutdown: SIGTERM must end the server with exit code 0, promptly.
kill -TERM "$pid"
for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then
  echo "the server did not stop within 5 s of SIGTERM"; status=1
else
  wait "$pid" && echo "server stopped cleanly on SIGTERM" || { echo "server exited with $? on SIGTERM"; cat "$log"; status=1; }
fi
trap - EXIT
kill "$provider_pid" 2>/dev/null || true
rm -rf "$data_dir"
exit $status
