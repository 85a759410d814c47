# Shared settings for the local-Asterisk scripts. Sourced, not run.
ASTERISK_ROOT=${ASTERISK_ROOT:-/var/lib/stumpfworks-voip/asterisk-root}
log() { printf '[asterisk] %s\n' "$*" >&2; }
die() { printf '[asterisk] error: %s\n' "$*" >&2; exit 1; }
