#!/usr/bin/env bash
# `npm test`: every test there is — unit tests, the real-Asterisk suites and the parity suite.
# Installs what it needs (pnpm, packages, Debian tools, the Asterisk root) and starts a test Asterisk
# of its own (own root copy and ports), which it stops again at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_pnpm
install_node_modules
pnpm exec tsc -p tsconfig.json --noEmit && pnpm exec tsc -p apps/web --noEmit || fail "type check failed"

say "unit tests"
pnpm exec vitest run --project unit

if ! ensure_host_packages || [ "$(id -u)" != 0 ]; then
  [ "${CI:-}" = true ] && fail "CI needs root for the real-Asterisk tests"
  say "SKIPPED the real-Asterisk suites: they need root (debootstrap + chroot)"
  exit 0
fi

bash asterisk/scripts/asterisk.sh provision
# The tests get their own copy of the root and their own ports, so a running product is left alone.
export ASTERISK_ROOT=${TEST_ASTERISK_ROOT:-/var/lib/stumpfworks-voip/test-root}
export SWF_SIP_PORT=${TEST_SIP_PORT:-5460} SWF_HTTP_PORT=${TEST_HTTP_PORT:-8488} SWF_AMI_PORT=${TEST_AMI_PORT:-5438}
bash asterisk/scripts/clone-root.sh "$ASTERISK_ROOT"
# Every run starts with empty mailboxes and recordings: a full mailbox (100 messages) refuses more.
rm -rf "$ASTERISK_ROOT"/var/spool/asterisk/{voicemail,monitor,fakemail}/*
trap 'bash asterisk/scripts/asterisk.sh stop || true' EXIT
bash asterisk/scripts/asterisk.sh start
eval "$(bash asterisk/scripts/asterisk.sh env)"

say "real-Asterisk and browser tests: Asterisk probes, the server, the ARI runtime, the web app in Chromium"
pnpm exec vitest run --project asterisk --project server --project ari --project web

say "parity suite"
pnpm test:parity
