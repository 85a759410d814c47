# Render the StumpfWorks base configs into an Asterisk etc dir. Sourced, not run; shared by
# asterisk.sh (chroot on the host) and the container entrypoint (docker/entrypoint.sh).
#
#   render_conf SRC_DIR ETC_DIR STATE_DIR
#
# Settings: env (SWF_SIP_BIND_ADDRESS, SWF_ARI_BIND_ADDRESS, SWF_AMI_BIND_ADDRESS, SWF_SIP_PORT,
# SWF_HTTP_PORT, SWF_AMI_PORT) wins, then the values saved by the previous run in
# STATE_DIR/settings.env, then the defaults. Each service listens on its own address: SIP is what
# phones and trunks reach; ARI (Asterisk's HTTP server, also SIP over WebSocket at /ws) and AMI
# control the whole PBX and stay on 127.0.0.1 unless set otherwise. SWF_BIND_ADDRESS, which bound
# all three until 2026-12, is a deprecated alias of SWF_SIP_BIND_ADDRESS. Secrets are generated
# ONCE into STATE_DIR/secrets.env (mode 600) and reused. Files whose content is unchanged are not
# rewritten, so their mtime stays and Asterisk reloads can skip them (SWF_CONF_CHANGED=yes|no tells
# whether anything was written). Ownership is the caller's job.
# Needs: bash, sed, coreutils. Uses log/die from common.sh (or the caller's own).

SWF_DEFAULT_SIP_BIND_ADDRESS=127.0.0.1
SWF_DEFAULT_ARI_BIND_ADDRESS=127.0.0.1
SWF_DEFAULT_AMI_BIND_ADDRESS=127.0.0.1
SWF_DEFAULT_SIP_PORT=5060
SWF_DEFAULT_HTTP_PORT=8088
SWF_DEFAULT_AMI_PORT=5038
# Where Asterisk keeps its astdb (asterisk.conf's astdbdir); the Docker image sets a volume's path.
SWF_DEFAULT_ASTDB_DIR=/var/lib/asterisk
# Generated files the base configs #tryinclude; created empty when missing (see asterisk-notes.md:
# a file that exists from the first load is reliably picked up by later module reloads).
SWF_GENERATED_FILES="pjsip.conf pjsip-bans.conf extensions.conf extensions-test.conf voicemail.conf queues.conf confbridge.conf musiconhold.conf rtp.conf"

# Prints a random [A-Za-z0-9] string of length $1.
random_token() {
  local out=""
  while [ "${#out}" -lt "$1" ]; do
    out="$out$(head -c 48 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9')"
  done
  printf '%s' "${out:0:$1}"
}

# The value of NAME saved in STATE/settings.env, or nothing.
saved_setting() {
  [ -f "$1/settings.env" ] || return 0
  sed -n "s/^$2=//p" "$1/settings.env" | tail -n 1
}

# Loads settings (env > saved > default) into SWF_SIP_BIND_ADDRESS SWF_ARI_BIND_ADDRESS
# SWF_AMI_BIND_ADDRESS SWF_SIP_PORT SWF_HTTP_PORT SWF_AMI_PORT.
load_settings() {
  local state=$1 name env_value saved_value default_value
  for name in SIP_BIND_ADDRESS ARI_BIND_ADDRESS AMI_BIND_ADDRESS SIP_PORT HTTP_PORT AMI_PORT; do
    env_value=$(printenv "SWF_$name" || true)
    saved_value=$(saved_setting "$state" "SWF_$name")
    if [ "$name" = SIP_BIND_ADDRESS ]; then
      # The deprecated SWF_BIND_ADDRESS (env, or saved by an older render) now means SIP only.
      if [ -z "$env_value" ] && [ -n "${SWF_BIND_ADDRESS:-}" ]; then
        env_value=$SWF_BIND_ADDRESS
        [ -n "${SWF_BIND_ADDRESS_WARNED:-}" ] || log "SWF_BIND_ADDRESS is deprecated: it sets only SIP's address now (use SWF_SIP_BIND_ADDRESS); ARI and AMI listen on SWF_ARI_BIND_ADDRESS / SWF_AMI_BIND_ADDRESS (default 127.0.0.1)"
        SWF_BIND_ADDRESS_WARNED=yes
      fi
      [ -n "$saved_value" ] || saved_value=$(saved_setting "$state" SWF_BIND_ADDRESS)
    fi
    default_value=$(eval "printf '%s' \"\$SWF_DEFAULT_$name\"")
    printf -v "SWF_$name" '%s' "${env_value:-${saved_value:-$default_value}}"
  done
  local port
  for port in "$SWF_SIP_PORT" "$SWF_HTTP_PORT" "$SWF_AMI_PORT"; do
    case $port in
      '' | *[!0-9]*) die "port '$port' is not a number" ;;
    esac
    [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "port $port is out of range"
  done
  local address
  for name in SIP_BIND_ADDRESS ARI_BIND_ADDRESS AMI_BIND_ADDRESS; do
    address=$(eval "printf '%s' \"\$SWF_$name\"")
    is_ipv4 "$address" || die "SWF_$name '$address' is not an IPv4 address"
  done
}

# Whether $1 is a dotted-quad IPv4 address (0.0.0.0 for every interface).
is_ipv4() {
  local IFS=. part parts
  [[ $1 =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ ]] || return 1
  read -ra parts <<<"$1"
  for part in "${parts[@]}"; do [ "$((10#$part))" -le 255 ] || return 1; done
}

# The address a client on this host connects to for a service bound to $1 (0.0.0.0: loopback).
connect_address() {
  if [ "$1" = 0.0.0.0 ]; then echo 127.0.0.1; else echo "$1"; fi
}

# Generated files carry SIP and trunk passwords: mode 0640, owner $2 (the server's user, which
# writes them), group $3 (asterisk, which reads them); the dir is setgid, so every file the server
# writes later gets the group too (the server keeps group and mode itself: publish/conf-files.ts).
secure_generated_dir() {
  local dir=$1 owner=$2 group=$3
  chown "$owner:$group" "$dir"
  chmod 2750 "$dir"
  find "$dir" -maxdepth 1 -type f -exec chown "$owner:$group" {} + -exec chmod 0640 {} +
}

# Loads (or creates once) ARI_USER ARI_PASSWORD AMI_USER AMI_SECRET ENTITY_ID from STATE/secrets.env.
load_secrets() {
  local state=$1 file="$1/secrets.env"
  if [ ! -s "$file" ]; then
    local eid
    eid=$(od -An -N5 -tx1 /dev/urandom | tr -s ' \n' ':' | sed 's/^://; s/:$//')
    (
      umask 077
      {
        echo "# Generated by render-conf.sh on $(date -u +%FT%TZ). Delete this file to rotate the secrets."
        echo "ARI_USER=stumpfworks"
        echo "ARI_PASSWORD=$(random_token 32)"
        echo "AMI_USER=stumpfworks"
        echo "AMI_SECRET=$(random_token 32)"
        echo "ENTITY_ID=02:$eid"
      } >"$file.tmp"
      mv "$file.tmp" "$file"
    )
    log "generated new ARI/AMI secrets in $file"
  fi
  chmod 600 "$file"
  local name value
  for name in ARI_USER ARI_PASSWORD AMI_USER AMI_SECRET ENTITY_ID; do
    value=$(sed -n "s/^$name=//p" "$file" | tail -n 1)
    [ -n "$value" ] || die "$file has no $name; delete the file to regenerate it"
    printf -v "$name" '%s' "$value"
  done
}

# Writes $2 (content on stdin) to $1 only if it differs; mode $3.
install_if_changed() {
  local target=$1 mode=$2 tmp
  tmp=$(mktemp "$target.XXXXXX")
  cat >"$tmp"
  chmod "$mode" "$tmp"
  if [ -f "$target" ] && cmp -s "$tmp" "$target"; then
    rm -f "$tmp"
    chmod "$mode" "$target"
    return 0
  fi
  mv "$tmp" "$target"
  SWF_CONF_CHANGED=yes
  log "wrote ${target}"
}

render_conf() {
  local src=$1 etc=$2 state=$3
  SWF_CONF_CHANGED=no
  [ -d "$src" ] || die "config templates not found at $src"
  [ -d "$etc" ] || die "Asterisk config dir not found at $etc"
  mkdir -p "$state"
  chmod 755 "$state"
  load_settings "$state"
  load_secrets "$state"

  local template name mode rendered
  for template in "$src"/*.conf; do
    name=$(basename "$template")
    # ari.conf and manager.conf carry secrets.
    case $name in ari.conf | manager.conf) mode=640 ;; *) mode=644 ;; esac
    rendered=$(sed \
      -e "s|@@SIP_BIND_ADDRESS@@|$SWF_SIP_BIND_ADDRESS|g" \
      -e "s|@@ARI_BIND_ADDRESS@@|$SWF_ARI_BIND_ADDRESS|g" \
      -e "s|@@AMI_BIND_ADDRESS@@|$SWF_AMI_BIND_ADDRESS|g" \
      -e "s|@@SIP_PORT@@|$SWF_SIP_PORT|g" \
      -e "s|@@HTTP_PORT@@|$SWF_HTTP_PORT|g" \
      -e "s|@@AMI_PORT@@|$SWF_AMI_PORT|g" \
      -e "s|@@ARI_USER@@|$ARI_USER|g" \
      -e "s|@@ARI_PASSWORD@@|$ARI_PASSWORD|g" \
      -e "s|@@AMI_USER@@|$AMI_USER|g" \
      -e "s|@@AMI_SECRET@@|$AMI_SECRET|g" \
      -e "s|@@ENTITY_ID@@|$ENTITY_ID|g" \
      -e "s|@@ASTDB_DIR@@|${SWF_ASTDB_DIR:-$SWF_DEFAULT_ASTDB_DIR}|g" \
      "$template")
    case $rendered in *@@*@@*) die "$template has an unknown @@placeholder@@" ;; esac
    printf '%s\n' "$rendered" | install_if_changed "$etc/$name" "$mode"
  done

  # users.conf is deprecated; pbx_config warns at boot while it exists.
  if [ -f "$etc/users.conf" ]; then
    mv "$etc/users.conf" "$etc/users.conf.disabled"
    log "moved users.conf aside (deprecated, warns at boot)"
  fi

  mkdir -p "$etc/stumpfworks"
  for name in $SWF_GENERATED_FILES; do
    [ -e "$etc/stumpfworks/$name" ] || (umask 027 && : >"$etc/stumpfworks/$name")
  done
  # The base rtp.conf sets no RTP range of its own: until the server publishes its network setting,
  # the default (the same as the server's, docker-compose.yml's comment and the README's).
  [ -s "$etc/stumpfworks/rtp.conf" ] || printf '[general](+)\nrtpstart = 10000\nrtpend = 20000\n' >"$etc/stumpfworks/rtp.conf"

  {
    echo "# Settings of the last render (render-conf.sh). Env variables of the same name override them."
    echo "SWF_SIP_BIND_ADDRESS=$SWF_SIP_BIND_ADDRESS"
    echo "SWF_ARI_BIND_ADDRESS=$SWF_ARI_BIND_ADDRESS"
    echo "SWF_AMI_BIND_ADDRESS=$SWF_AMI_BIND_ADDRESS"
    echo "SWF_SIP_PORT=$SWF_SIP_PORT"
    echo "SWF_HTTP_PORT=$SWF_HTTP_PORT"
    echo "SWF_AMI_PORT=$SWF_AMI_PORT"
  } | install_if_changed "$state/settings.env" 644
}
