#!/usr/bin/env bash
# Provision a local Asterisk 22 without Docker: a minbase Debian sid root made by debootstrap,
# with asterisk installed by apt inside. Idempotent: an existing, complete root is kept.
#
#   ASTERISK_ROOT   where the root lives (default: /var/lib/stumpfworks-voip/asterisk-root)
#
# Needs root (debootstrap, chroot, mount). Host packages come from the host's apt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"

# ca-certificates: TLS trunks check the provider's certificate against the system CA bundle.
# tzdata: time conditions use STRFTIME(...,Europe/Berlin,...), which falls back to UTC without the
# zone file (it comes with libical today; named, as in asterisk/Dockerfile).
PACKAGES="asterisk asterisk-modules asterisk-core-sounds-en-gsm asterisk-prompt-de ca-certificates tzdata"
STAMP="$ASTERISK_ROOT/.stumpfworks-provisioned"

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$PACKAGES" ] && [ -x "$ASTERISK_ROOT/usr/sbin/asterisk" ]; then
  log "Asterisk root already provisioned at $ASTERISK_ROOT"
  exit 0
fi

[ "$(id -u)" = 0 ] || die "provisioning needs root (debootstrap and chroot)"

APT="apt-get -o Acquire::Check-Valid-Until=false -q"

# A complete root from an older package list only gets the packages it lacks (no new debootstrap).
if [ -f "$STAMP" ] && [ -x "$ASTERISK_ROOT/usr/sbin/asterisk" ]; then
  log "adding packages to the Asterisk root at $ASTERISK_ROOT: $PACKAGES"
  mounted=()
  for m in proc dev; do
    mountpoint -q "$ASTERISK_ROOT/$m" || { mount --bind "/$m" "$ASTERISK_ROOT/$m"; mounted+=("$ASTERISK_ROOT/$m"); }
  done
  release() { for m in "${mounted[@]}"; do umount "$m"; done; }
  trap release EXIT
  chroot "$ASTERISK_ROOT" $APT update >/dev/null
  DEBIAN_FRONTEND=noninteractive chroot "$ASTERISK_ROOT" $APT install -y --no-install-recommends $PACKAGES >/dev/null
  chroot "$ASTERISK_ROOT" apt-get clean
  echo "$PACKAGES" >"$STAMP"
  log "Asterisk root at $ASTERISK_ROOT now has: $PACKAGES"
  exit 0
fi

if ! command -v debootstrap >/dev/null; then
  log "installing debootstrap on the host"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >/dev/null
fi

tmp="$ASTERISK_ROOT.partial"
unmount_all() {
  for m in "$tmp/proc" "$tmp/dev"; do mountpoint -q "$m" && umount "$m"; done
  return 0
}
trap unmount_all EXIT
unmount_all
rm -rf "$tmp"
mkdir -p "$(dirname "$ASTERISK_ROOT")"

log "debootstrap minbase sid into $tmp (about a minute)"
debootstrap --variant=minbase sid "$tmp" http://deb.debian.org/debian >"$tmp.debootstrap.log" 2>&1 \
  || die "debootstrap failed, see $tmp.debootstrap.log"

mount --bind /proc "$tmp/proc"
mount --bind /dev "$tmp/dev"
log "apt-get install $PACKAGES (inside the root)"
chroot "$tmp" $APT update >/dev/null
DEBIAN_FRONTEND=noninteractive chroot "$tmp" $APT install -y --no-install-recommends $PACKAGES >/dev/null
chroot "$tmp" apt-get clean
unmount_all

rm -rf "$ASTERISK_ROOT"
mv "$tmp" "$ASTERISK_ROOT"
rm -f "$tmp.debootstrap.log"
echo "$PACKAGES" >"$STAMP"
log "Asterisk $(chroot "$ASTERISK_ROOT" asterisk -V) provisioned at $ASTERISK_ROOT"
