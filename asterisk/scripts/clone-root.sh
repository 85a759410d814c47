#!/usr/bin/env bash
# Makes (or refreshes) a copy of the provisioned Asterisk root, for an instance of its own
# (the test suite, a developer's experiments). The copy is rebuilt when the original changes.
#   clone-root.sh <target folder>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target=${1:?usage: clone-root.sh <target folder>}
ASTERISK_ROOT=${BASE_ASTERISK_ROOT:-/var/lib/stumpfworks-voip/asterisk-root}
. "$here/common.sh"
source_stamp="$ASTERISK_ROOT/.stumpfworks-provisioned"
[ -f "$source_stamp" ] || die "$ASTERISK_ROOT is not provisioned: run asterisk.sh provision first"
if [ -f "$target/.stumpfworks-provisioned" ] && cmp -s "$source_stamp" "$target/.stumpfworks-provisioned"; then
  exit 0
fi
pid_file="$target/run/asterisk/asterisk.pid"
if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  die "an Asterisk is running in $target; stop it first"
fi
log "copying $ASTERISK_ROOT to $target"
rm -rf "$target.partial"
cp -a "$ASTERISK_ROOT" "$target.partial"
rm -rf "$target"
mv "$target.partial" "$target"
