# Shared helpers for start.sh and test.sh. Sourced, not run.
PNPM_VERSION=12.4.2
HOST_PACKAGES="debootstrap sip-tester espeak-ng sox libsox-fmt-mp3 chromium nftables"
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

# pnpm as the project pins it (corepack fails on this kind of machine: signature check).
ensure_pnpm() {
  if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
    say "installing pnpm $PNPM_VERSION"
    npm install -g --silent "pnpm@$PNPM_VERSION" >/dev/null || fail "could not install pnpm $PNPM_VERSION with npm"
  fi
}

install_node_modules() {
  # node-gyp (better-sqlite3) must build against the installed Node's headers: nothing is downloaded.
  local prefix
  prefix=$(dirname "$(dirname "$(command -v node)")")
  [ -f "$prefix/include/node/node.h" ] && export npm_config_nodedir="$prefix"
  say "installing packages (better-sqlite3 compiles from source the first time)"
  pnpm install --frozen-lockfile --reporter=append-only >/dev/null || fail "pnpm install failed"
}

# Debian packages the local PBX and the tests use. Needs root; says what is missing otherwise.
ensure_host_packages() {
  local missing=()
  for p in $HOST_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || { say "missing Debian packages (run as root to install them): ${missing[*]}"; return 1; }
  say "apt-get install ${missing[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "apt-get install ${missing[*]} failed"
}
