#!/usr/bin/env bash
# Container entrypoint: render the base configs (same code as asterisk.sh configure), then run
# Asterisk in the foreground as the asterisk user.
#   SWF_BIND_ADDRESS SWF_SIP_PORT SWF_HTTP_PORT SWF_AMI_PORT   listen settings
#   SWF_CONF_OWNER   uid that owns /etc/asterisk/stumpfworks (the server's user; default root)
#   SWF_ASTDB_DIR    the astdb's directory (set by the Dockerfile: a volume)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
. "$here/render-conf.sh"

render_conf /opt/stumpfworks/asterisk/conf /etc/asterisk /etc/stumpfworks-voip
for f in /opt/stumpfworks/asterisk/conf/*.conf; do chown root:asterisk "/etc/asterisk/$(basename "$f")"; done
chown "${SWF_CONF_OWNER:-0}:asterisk" /etc/asterisk/stumpfworks /etc/asterisk/stumpfworks/*
chmod 2775 /etc/asterisk/stumpfworks
chmod g+r,o+r /etc/asterisk/stumpfworks/*
mkdir -p /run/asterisk
chown asterisk:asterisk /run/asterisk /var/spool/asterisk
# The astdb's directory (a volume): a fresh or restored one may be root's, and Asterisk, as
# asterisk, writes astdb.sqlite3 and its journal there.
astdb_dir=${SWF_ASTDB_DIR:-$SWF_DEFAULT_ASTDB_DIR}
mkdir -p "$astdb_dir"
chown -R asterisk:asterisk "$astdb_dir"
chmod 750 "$astdb_dir"

log "starting Asterisk (SIP $SWF_BIND_ADDRESS:$SWF_SIP_PORT/udp, ARI http://$SWF_BIND_ADDRESS:$SWF_HTTP_PORT/ari, AMI $SWF_AMI_PORT)"
# -n: no ANSI colours in the console lines that become the container log.
exec /usr/sbin/asterisk -f -n -U asterisk -G asterisk
