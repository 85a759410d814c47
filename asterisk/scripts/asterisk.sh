#!/usr/bin/env bash
# Local Asterisk for development and tests: a Debian sid root (provision.sh) run with chroot.
#
#   asterisk.sh provision        build the root (debootstrap + apt; about 90 s, once)
#   asterisk.sh configure        render asterisk/conf into $ASTERISK_ROOT/etc/asterisk (idempotent)
#   asterisk.sh start            configure, start, wait until fully booted (30 s), print boot warnings
#   asterisk.sh stop             core stop now, wait for the process to exit
#   asterisk.sh restart          stop + start
#   asterisk.sh status           running or not (exit 0 / 3), pid, ports
#   asterisk.sh cli <command>    asterisk -rx "<command>"
#   asterisk.sh env              shell-sourceable ARI_URL ARI_USER ARI_PASSWORD ... (eval "$(... env)")
#
# Settings (env, else the values of the previous configure, else the default):
#   ASTERISK_ROOT     /var/lib/stumpfworks-voip/asterisk-root
#   SWF_SIP_PORT 5060, SWF_HTTP_PORT 8088 (ARI + /ws), SWF_AMI_PORT 5038
#   SWF_SIP_BIND_ADDRESS 127.0.0.1 (phones and trunks; 0.0.0.0 for every interface)
#   SWF_ARI_BIND_ADDRESS 127.0.0.1 (Asterisk's HTTP server: ARI and SIP over WebSocket /ws)
#   SWF_AMI_BIND_ADDRESS 127.0.0.1 (AMI)
#   SWF_BIND_ADDRESS  deprecated alias of SWF_SIP_BIND_ADDRESS (it bound all three until 2026-12)
#   SWF_CONF_OWNER    host uid that owns the generated-files dir (default: $SUDO_UID, else root)
#
# State: $ASTERISK_ROOT/etc/stumpfworks-voip/ holds secrets.env (600), connection.json (600, for the
# tests), settings.env and boot.log (the log lines of the last boot).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
. "$here/render-conf.sh"

CONF_SRC=$(cd "$here/../conf" && pwd)
ETC="$ASTERISK_ROOT/etc/asterisk"
STATE="$ASTERISK_ROOT/etc/stumpfworks-voip"
GENERATED="$ETC/stumpfworks"
PIDFILE="$ASTERISK_ROOT/run/asterisk/asterisk.pid" # $ROOT/var/run links to the HOST's /run
MESSAGES="$ASTERISK_ROOT/var/log/asterisk/messages.log"
STARTUP_LOG="$ASTERISK_ROOT/var/log/asterisk/startup.log"
BOOT_TIMEOUT=30

need_root() { [ "$(id -u)" = 0 ] || die "'$1' needs root (chroot)"; }
need_provisioned() {
  [ -x "$ASTERISK_ROOT/usr/sbin/asterisk" ] \
    || die "no Asterisk root at $ASTERISK_ROOT; run: asterisk.sh provision"
}
in_root() { chroot "$ASTERISK_ROOT" "$@"; }
rx() { timeout 10 chroot "$ASTERISK_ROOT" /usr/sbin/asterisk -rx "$1"; }

# Prints the pid of the Asterisk running in THIS root, or nothing.
running_pid() {
  [ -f "$PIDFILE" ] || return 0
  local pid root
  pid=$(tr -dc '0-9' <"$PIDFILE")
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 0
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = asterisk ] || return 0
  root=$(readlink "/proc/$pid/root" || true)
  [ "$root" = "$(readlink -f "$ASTERISK_ROOT")" ] || return 0
  echo "$pid"
}

json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }

ari_host() { connect_address "$SWF_ARI_BIND_ADDRESS"; }
ami_host() { connect_address "$SWF_AMI_BIND_ADDRESS"; }

# sipHost is where the SIP transports listen (the server binds the TCP/TLS transports it generates
# for trunks there too, so it is the bind address itself, 0.0.0.0 included); ariUrl and amiHost are
# where the server connects.
write_connection_json() {
  (
    umask 077
    cat >"$STATE/connection.json.tmp" <<JSON
{
  "ariUrl": $(json_string "http://$(ari_host):$SWF_HTTP_PORT/ari"),
  "ariUser": $(json_string "$ARI_USER"),
  "ariPassword": $(json_string "$ARI_PASSWORD"),
  "amiHost": $(json_string "$(ami_host)"),
  "amiPort": $SWF_AMI_PORT,
  "amiUser": $(json_string "$AMI_USER"),
  "amiSecret": $(json_string "$AMI_SECRET"),
  "sipHost": $(json_string "$SWF_SIP_BIND_ADDRESS"),
  "sipPort": $SWF_SIP_PORT,
  "asteriskRoot": $(json_string "$ASTERISK_ROOT"),
  "confDir": $(json_string "$GENERATED"),
  "messagesLog": $(json_string "$MESSAGES"),
  "bootLog": $(json_string "$STATE/boot.log")
}
JSON
    mv "$STATE/connection.json.tmp" "$STATE/connection.json"
  )
}

cmd_provision() { "$here/provision.sh"; }

cmd_configure() {
  need_root configure
  need_provisioned
  render_conf "$CONF_SRC" "$ETC" "$STATE"
  install -m 755 "$CONF_SRC/stumpfworks-vmnotify" "$ASTERISK_ROOT/usr/local/bin/stumpfworks-vmnotify"
  install -m 755 "$CONF_SRC/stumpfworks-vmpin" "$ASTERISK_ROOT/usr/local/bin/stumpfworks-vmpin"

  # Base configs: root-owned (Asterisk must not rewrite them), readable by the asterisk group.
  local files=() f
  for f in "$CONF_SRC"/*.conf; do files+=("/etc/asterisk/$(basename "$f")"); done
  in_root chown root:asterisk "${files[@]}"

  # Generated files: written from the host by the server or the tests (atomic rename), read by
  # Asterisk through the group (0640: they hold SIP and trunk passwords). The root's asterisk
  # group, by number: the host may have no such group, or another one of that name.
  local owner=${SWF_CONF_OWNER:-${SUDO_UID:-0}} gid
  gid=$(awk -F: '$1 == "asterisk" { print $3 }' "$ASTERISK_ROOT/etc/group")
  [ -n "$gid" ] || die "the root has no asterisk group ($ASTERISK_ROOT/etc/group)"
  secure_generated_dir "$GENERATED" "$owner" "$gid"

  mkdir -p "$ASTERISK_ROOT/run/asterisk"
  in_root chown asterisk:asterisk /run/asterisk
  # The voicemail mail outbox (stumpfworks-vmnotify writes, the server reads and removes): Asterisk's.
  mkdir -p "$ASTERISK_ROOT/var/spool/asterisk/stumpfworks-mail/new" "$ASTERISK_ROOT/var/spool/asterisk/stumpfworks-mail/tmp"
  in_root chown -R asterisk:asterisk /var/spool/asterisk/stumpfworks-mail
  write_connection_json
  if [ "$SWF_CONF_CHANGED" = yes ] && [ -n "$(running_pid)" ]; then
    log "Asterisk is running with the old base config: run 'asterisk.sh restart' to apply it"
  fi
}

# Whether ARI answers our credentials (catches a port held by another Asterisk). Prints the HTTP code.
ari_status() {
  command -v curl >/dev/null || { echo skipped; return 0; }
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 -u "$ARI_USER:$ARI_PASSWORD" \
    "http://$(ari_host):$SWF_HTTP_PORT/ari/asterisk/info" || true
}

cmd_start() {
  need_root start
  need_provisioned
  local pid
  pid=$(running_pid)
  if [ -n "$pid" ]; then
    load_settings "$STATE"
    log "already running (pid $pid, root $ASTERISK_ROOT, ARI port $SWF_HTTP_PORT as last configured)"
    return 0
  fi
  cmd_configure
  rm -f "$PIDFILE"
  local offset=0 started now
  [ -f "$MESSAGES" ] && offset=$(stat -c %s "$MESSAGES")
  started=$(date +%s%N)
  # Asterisk daemonizes itself; its own stdout/stderr go to startup.log.
  in_root /usr/sbin/asterisk -U asterisk -G asterisk </dev/null >>"$STARTUP_LOG" 2>&1 \
    || die "asterisk did not start; see $STARTUP_LOG: $(tail -n 5 "$STARTUP_LOG")"
  local deadline=$((started + BOOT_TIMEOUT * 1000000000)) booted=no
  while [ "$(date +%s%N)" -lt "$deadline" ]; do
    if timeout 5 chroot "$ASTERISK_ROOT" /usr/sbin/asterisk -rx 'core waitfullybooted' >/dev/null 2>&1; then
      booted=yes
      break
    fi
    sleep 0.05
  done
  now=$(date +%s%N)
  sleep 0.2 # the logger thread writes asynchronously
  boot_lines "$offset" >"$STATE/boot.log"
  if [ "$booted" != yes ]; then
    printf '[asterisk] error: not fully booted within %s s. Log of this boot:\n' "$BOOT_TIMEOUT" >&2
    grep -E 'WARNING|ERROR' "$STATE/boot.log" >&2 || tail -n 20 "$STATE/boot.log" >&2 || true
    tail -n 5 "$STARTUP_LOG" >&2 || true
    pid=$(running_pid)
    [ -z "$pid" ] || cmd_stop
    exit 1
  fi
  pid=$(running_pid)
  local ari
  ari=$(ari_status)
  if [ "$ari" != 200 ] && [ "$ari" != skipped ]; then
    printf '[asterisk] error: booted, but ARI at http://%s:%s/ari answered %s (port taken by another server?)\n' \
      "$(ari_host)" "$SWF_HTTP_PORT" "${ari:-nothing}" >&2
    grep -E '\] (WARNING|ERROR)\[' "$STATE/boot.log" >&2 || true
    cmd_stop
    exit 1
  fi
  log "fully booted in $(((now - started) / 1000000)) ms (pid ${pid:-?}, SIP $SWF_SIP_BIND_ADDRESS:$SWF_SIP_PORT/udp, ARI http://$SWF_ARI_BIND_ADDRESS:$SWF_HTTP_PORT/ari, AMI $SWF_AMI_BIND_ADDRESS:$SWF_AMI_PORT)"
  local problems
  problems=$(grep -cE '\] (WARNING|ERROR)\[' "$STATE/boot.log" || true)
  if [ "$problems" != 0 ]; then
    log "$problems WARNING/ERROR line(s) at boot:"
    grep -E '\] (WARNING|ERROR)\[' "$STATE/boot.log" >&2
  fi
}

# Prints messages.log from byte offset $1 on.
boot_lines() {
  [ -f "$MESSAGES" ] || return 0
  tail -c "+$(($1 + 1))" "$MESSAGES"
}

cmd_stop() {
  need_root stop
  local pid
  pid=$(running_pid)
  if [ -z "$pid" ]; then
    log "not running"
    rm -f "$PIDFILE"
    return 0
  fi
  rx 'core stop now' >/dev/null 2>&1 || log "core stop now failed; waiting anyway"
  local i
  for i in $(seq 1 150); do
    [ -d "/proc/$pid" ] || break
    sleep 0.1
  done
  if [ -d "/proc/$pid" ]; then
    log "pid $pid still alive after 15 s; sending SIGTERM"
    kill -TERM "$pid"
    for i in $(seq 1 50); do
      [ -d "/proc/$pid" ] || break
      sleep 0.1
    done
    [ ! -d "/proc/$pid" ] || die "pid $pid did not exit"
  fi
  rm -f "$PIDFILE"
  log "stopped (pid $pid)"
}

cmd_status() {
  local pid
  pid=$(running_pid)
  if [ -z "$pid" ]; then
    echo "stopped (root $ASTERISK_ROOT)"
    return 3
  fi
  load_settings "$STATE"
  echo "running: pid $pid, root $ASTERISK_ROOT, SIP $SWF_SIP_BIND_ADDRESS:$SWF_SIP_PORT/udp, ARI $SWF_ARI_BIND_ADDRESS:$SWF_HTTP_PORT, AMI $SWF_AMI_BIND_ADDRESS:$SWF_AMI_PORT"
  rx 'core show uptime' || true
}

cmd_cli() {
  [ $# -gt 0 ] || die "usage: asterisk.sh cli <command>"
  [ -n "$(running_pid)" ] || die "Asterisk is not running in $ASTERISK_ROOT"
  rx "$*"
}

cmd_env() {
  [ -f "$STATE/secrets.env" ] || die "not configured yet; run: asterisk.sh configure"
  [ -r "$STATE/secrets.env" ] || die "cannot read $STATE/secrets.env (mode 600, root only)"
  load_settings "$STATE"
  load_secrets "$STATE"
  printf "export ASTERISK_ROOT='%s'\n" "$ASTERISK_ROOT"
  printf "export ASTERISK_CONF_DIR='%s'\n" "$GENERATED"
  printf "export ASTERISK_STATE_FILE='%s'\n" "$STATE/connection.json"
  printf "export ARI_URL='http://%s:%s/ari'\n" "$(ari_host)" "$SWF_HTTP_PORT"
  printf "export ARI_USER='%s'\n" "$ARI_USER"
  printf "export ARI_PASSWORD='%s'\n" "$ARI_PASSWORD"
  printf "export AMI_HOST='%s'\n" "$(ami_host)"
  printf "export AMI_PORT='%s'\n" "$SWF_AMI_PORT"
  printf "export AMI_USER='%s'\n" "$AMI_USER"
  printf "export AMI_SECRET='%s'\n" "$AMI_SECRET"
  printf "export SIP_BIND_ADDRESS='%s'\n" "$SWF_SIP_BIND_ADDRESS"
  printf "export SIP_PORT='%s'\n" "$SWF_SIP_PORT"
}

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

command=${1:-}
[ $# -gt 0 ] && shift
case $command in
  provision) cmd_provision ;;
  configure) cmd_configure ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop && cmd_start ;;
  status) cmd_status ;;
  cli) cmd_cli "$@" ;;
  env) cmd_env ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
