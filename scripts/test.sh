#!/usr/bin/env bash
# `npm test`: every test there is — unit tests, the real-Asterisk suites and the parity suite.
# Installs what it needs (pnpm, packages, Debian tools, the Asterisk root) before the first test
# that needs it, and starts a test Asterisk of its own (own root copy and ports), which it stops
# again at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_pnpm
install_node_modules
# The type check (CPU) runs while apt installs the Debian tools below (downloads and dpkg).
typecheck_log=$(mktemp)
(pnpm exec tsc -p tsconfig.json --noEmit && pnpm exec tsc -p apps/web --noEmit) >"$typecheck_log" 2>&1 &
typecheck_pid=$!

# Some unit suites run espeak-ng and sox: the Debian tools come first. Without root they cannot be
# installed; those suites then skip (and CI fails).
root=no
[ "$(id -u)" = 0 ] && root=yes
[ $root = yes ] && ensure_host_packages
[ $root = no ] && [ "${CI:-}" = true ] && fail "CI needs root: the Debian tools and the real-Asterisk tests (debootstrap + chroot)"

typechecked=0
wait "$typecheck_pid" || typechecked=$?
cat "$typecheck_log" >&2
rm -f "$typecheck_log"
[ $typechecked = 0 ] || fail "type check failed"

skipped=$(mktemp)
report=$(mktemp)
trap 'rm -f "$skipped" "$report"' EXIT
# vitest, and with CI=true no test may have been skipped (scripts/no-skips.mjs names them).
run_vitest() {
  if [ "${CI:-}" = true ]; then
    pnpm exec vitest run "$@" --reporter=default --reporter=json --outputFile.json="$report"
    node scripts/no-skips.mjs "$report"
  else
    pnpm exec vitest run "$@"
  fi
}
# The Asterisk root is built (debootstrap and apt: downloads and dpkg) while the CPU-bound unit
# tests run; its output follows theirs.
provision_log=$(mktemp)
provision_pid=""
if [ $root = yes ]; then
  bash asterisk/scripts/asterisk.sh provision >"$provision_log" 2>&1 &
  provision_pid=$!
fi
trap 'rm -f "$skipped" "$report" "$provision_log"; [ -n "$provision_pid" ] && kill "$provision_pid" 2>/dev/null; true' EXIT
say "unit tests"
SWF_SKIPPED_SUITES=$skipped run_vitest --project unit

if [ $root = no ]; then
  real=$(pnpm exec vitest list --filesOnly --project asterisk --project server --project ari --project web | grep -c '\.test\.ts$')
  tools=$(wc -l <"$skipped")
  extra=""
  [ "$tools" -gt 0 ] && extra=", and $tools unit suite(s) that need Debian tools"
  say "SKIPPED $((real + 1)) suites: $real real-Asterisk and browser suites and the parity suite need root (debootstrap + chroot)$extra; this was a unit-only run."
  exit 0
fi

say "Asterisk root (built beside the unit tests)"
provisioned=0
wait "$provision_pid" || provisioned=$?
provision_pid=""
cat "$provision_log" >&2
[ $provisioned = 0 ] || fail "building the Asterisk root failed (exit $provisioned)"
# The tests get their own copy of the root and their own ports, so a running product is left alone.
export ASTERISK_ROOT=${TEST_ASTERISK_ROOT:-/var/lib/stumpfworks-voip/test-root}
export SWF_SIP_PORT=${TEST_SIP_PORT:-5460} SWF_HTTP_PORT=${TEST_HTTP_PORT:-8488} SWF_AMI_PORT=${TEST_AMI_PORT:-5438}
bash asterisk/scripts/clone-root.sh "$ASTERISK_ROOT"
# Every run starts with empty mailboxes and recordings: a full mailbox (100 messages) refuses more.
rm -rf "$ASTERISK_ROOT"/var/spool/asterisk/{voicemail,monitor,stumpfworks-mail}/*
trap 'rm -f "$skipped" "$report" "$provision_log"; bash asterisk/scripts/asterisk.sh stop || true' EXIT
bash asterisk/scripts/asterisk.sh start
eval "$(bash asterisk/scripts/asterisk.sh env)"

say "real-Asterisk and browser tests: Asterisk probes, the server, the ARI runtime, the web app in Chromium"
run_vitest --project asterisk --project server --project ari --project web

say "parity suite"
pnpm test:parity
