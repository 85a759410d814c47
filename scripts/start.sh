#!/usr/bin/env bash
# `npm start`: install everything and start the product: the local Asterisk 22 (where it can be had)
# with the example flows published to it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_pnpm
install_node_modules
if ensure_host_packages && [ "$(id -u)" = 0 ]; then
  bash asterisk/scripts/asterisk.sh provision
  bash asterisk/scripts/asterisk.sh start
  pnpm --silent exec tsx scripts/publish-examples.ts
else
  say "no local Asterisk: it needs root (debootstrap + chroot). Use 'docker compose up' on a host with Docker."
fi
cat <<MSG

StumpfWorks VoIP is ready.
  Try a flow:      pnpm flow simulate examples/musterfirma.flow.json --events "2,answer" --at 2026-06-03T10:00:00+02:00
  All paths:       pnpm flow paths examples/musterfirma.flow.json
  Asterisk CLI:    pnpm asterisk cli "dialplan show stumpfworks-flows"
  Stop Asterisk:   pnpm asterisk stop
MSG
