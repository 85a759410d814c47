#!/usr/bin/env bash
# Container entrypoint: render the base configs (same code as asterisk.sh configure), then run
# Asterisk in the foreground as the asterisk user.
#   SWF_SIP_BIND_ADDRESS SWF_ARI_BIND_ADDRESS SWF_AMI_BIND_ADDRESS   where SIP, ARI (+ /ws) and AMI
#                    listen (127.0.0.1 each by default; SWF_BIND_ADDRESS: deprecated alias of SIP's)
#   SWF_SIP_PORT SWF_HTTP_PORT SWF_AMI_PORT   their ports
#   SWF_CONF_OWNER   uid that owns /etc/asterisk/stumpfworks (the server's user; default root)
#   SWF_ASTDB_DIR    the astdb's directory (set by the Dockerfile: a volume)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
. "$here/render-conf.sh"

render_conf /opt/stumpfworks/asterisk/conf /etc/asterisk /etc/stumpfworks-voip
for f in /opt/stumpfworks/asterisk/conf/*.conf; do chown root:asterisk "/etc/asterisk/$(basename "$f")"; done
# Generated files (SIP and trunk passwords): 0640, the server's user and the asterisk group.
secure_generated_dir /etc/asterisk/stumpfworks "${SWF_CONF_OWNER:-0}" asterisk
mkdir -p /run/asterisk /var/spool/asterisk/stumpfworks-mail/new /var/spool/asterisk/stumpfworks-mail/tmp
# The voicemail mail outbox: stumpfworks-vmnotify (as asterisk) writes it, the server (its own container, same volume) reads it.
chown asterisk:asterisk /run/asterisk /var/spool/asterisk /var/spool/asterisk/stumpfworks-mail /var/spool/asterisk/stumpfworks-mail/new /var/spool/asterisk/stumpfworks-mail/tmp
# The astdb's directory (a volume): a fresh or restored one may be root's, and Asterisk, as
# asterisk, writes astdb.sqlite3 and its journal there.
astdb_dir=${SWF_ASTDB_DIR:-$SWF_DEFAULT_ASTDB_DIR}
mkdir -p "$astdb_dir"
chown -R asterisk:asterisk "$astdb_dir"
chmod 750 "$astdb_dir"

# The shared volumes (spool: recordings, voicemail; cdr-custom: the CDR and CEL journals) belong to asterisk
# and its group, whatever an older image (another uid) or the server (root) left there; directories
# are group-writable and setgid, so the server's container, as root or as a member of the group,
# reads and deletes what Asterisk wrote, and what it writes stays in the group.
mkdir -p /var/log/asterisk/cdr-custom
for shared in /var/spool/asterisk /var/log/asterisk/cdr-custom; do
  find "$shared" \( ! -user asterisk -o ! -group asterisk \) -exec chown -h asterisk:asterisk {} +
  find "$shared" -type d ! -perm 2770 -exec chmod 2770 {} +
  find "$shared" -type f -perm /o=rwx -exec chmod g+rw,o-rwx {} +
done
# Files and directories Asterisk makes (MixMonitor, app_voicemail, cdr_custom take the umask):
# 0660 and 0770, so its group may delete and replace them; nobody else may read them.
umask 007

log "starting Asterisk (SIP $SWF_SIP_BIND_ADDRESS:$SWF_SIP_PORT/udp, ARI http://$SWF_ARI_BIND_ADDRESS:$SWF_HTTP_PORT/ari, AMI $SWF_AMI_BIND_ADDRESS:$SWF_AMI_PORT)"
# -n: no ANSI colours in the console lines that become the container log.
exec /usr/sbin/asterisk -f -n -U asterisk -G asterisk
