#!/usr/bin/env bash
# `npm start`: install everything and start the product: the local Asterisk 22 (where it can be had)
# and the server on 127.0.0.1:8090, with the example flows loaded on the first start.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_pnpm
install_node_modules
export DATA_DIR=${DATA_DIR:-$PWD/.data}
if ensure_host_packages && [ "$(id -u)" = 0 ]; then
  bash asterisk/scripts/asterisk.sh provision
  bash asterisk/scripts/asterisk.sh start
  eval "$(bash asterisk/scripts/asterisk.sh env)"
else
  say "no local Asterisk: it needs root (debootstrap + chroot). The API runs without it; on a host with Docker use 'docker compose up'."
fi

say "building the web app"
pnpm --filter @stumpfworks/web build >/dev/null || fail "the web app did not build"

say "starting the server on http://127.0.0.1:${PORT:-8090}"
pnpm exec tsx apps/server/src/main.ts &
server=$!
trap 'kill $server 2>/dev/null || true' INT TERM
for _ in $(seq 100); do
  node -e "fetch('http://127.0.0.1:${PORT:-8090}/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" && break
  kill -0 $server 2>/dev/null || fail "the server did not start"
  sleep 0.2
done
if [ -n "${ARI_URL:-}" ]; then
  SERVER_URL="http://127.0.0.1:${PORT:-8090}" pnpm exec tsx scripts/seed-examples.ts || say "loading the examples failed (see above); the server keeps running"
fi
cat <<MSG

StumpfWorks VoIP is running.
  Editor:         http://127.0.0.1:${PORT:-8090}/ (asks once for the admin token)
  API:            http://127.0.0.1:${PORT:-8090}/api/v1 (reference: /api/v1/docs); admin token in $DATA_DIR/admin-token
  HTTPS:          https://127.0.0.1:${HTTPS_PORT:-8443}/ unless HTTPS_PORT=off (self-signed: the log and the HTTPS page show its SHA-256 fingerprint)
  Try a flow:     pnpm flow simulate examples/musterfirma.flow.json --events "2,answer" --at 2026-06-03T10:00:00+02:00
  Asterisk CLI:   pnpm asterisk cli "dialplan show stumpfworks-flows"
  Stop:           Ctrl-C stops the server; pnpm asterisk stop stops Asterisk
MSG
wait $server
