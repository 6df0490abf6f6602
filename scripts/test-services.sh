#!/usr/bin/env bash
# Installs and starts what the tests need, idempotently and on loopback only. Sourced by ./test.sh; also runnable
# alone (`scripts/test-services.sh`) to get a PostgreSQL for `dotnet test` while developing.
#   - Debian packages: postgresql, chromium, poppler-utils (pdftotext), nodejs + npm (front-end assets), sqlite3
#   - a private PostgreSQL cluster (own data directory and port, listening on 127.0.0.1 only)
# Exports SOMESCHOLAR_TEST_POSTGRES (admin connection string for the test server) and SOMESCHOLAR_CHROMIUM.

SOMESCHOLAR_ROOT="${SOMESCHOLAR_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
SOMESCHOLAR_BUILD="${SOMESCHOLAR_BUILD:-$SOMESCHOLAR_ROOT/.build}"
SOMESCHOLAR_PG_PORT="${SOMESCHOLAR_PG_PORT:-55432}"

say() { printf '[test-services] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else say "need root to run: $*"; return 1; fi
}

# ensure_packages PKG... : apt-get installs the Debian packages that are not installed yet.
ensure_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >/dev/null || as_root apt-get update
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || as_root apt-get install -y --no-install-recommends "${missing[@]}"
}

postgres_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# The cluster runs as the 'postgres' system user when we are root (PostgreSQL refuses to run as root).
pg_run() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  # Another checkout (e.g. a git worktree) may already run its test cluster on this port: share it.
  local owner_file="/tmp/somescholar-postgres-$SOMESCHOLAR_PG_PORT.owner"
  if [ -f "$owner_file" ] && [ "$(cat "$owner_file")" != "$SOMESCHOLAR_BUILD" ] && [ -s "$(cat "$owner_file")/postgres.password" ] \
     && (exec 3<>"/dev/tcp/127.0.0.1/$SOMESCHOLAR_PG_PORT") 2>/dev/null; then
    export SOMESCHOLAR_TEST_POSTGRES="Host=127.0.0.1;Port=$SOMESCHOLAR_PG_PORT;Username=somescholar;Password=$(cat "$(cat "$owner_file")/postgres.password");Database=postgres;Include Error Detail=true"
    return 0
  fi
  local bin; bin="$(postgres_bin)"
  [ -n "$bin" ] || { say "PostgreSQL binaries not found under /usr/lib/postgresql"; return 1; }
  local data="$SOMESCHOLAR_BUILD/postgres"
  mkdir -p "$SOMESCHOLAR_BUILD"
  if [ "$(id -u)" = 0 ]; then
    # The postgres user must be able to reach the data directory; if the checkout is not traversable (e.g. under
    # /root), keep the cluster in a private folder under /var/tmp instead.
    if ! runuser -u postgres -- test -x "$SOMESCHOLAR_BUILD"; then
      data="/var/tmp/somescholar-postgres-$(printf '%s' "$SOMESCHOLAR_ROOT" | sha1sum | cut -c1-12)"
    fi
  fi
  local password_file="$SOMESCHOLAR_BUILD/postgres.password"
  if [ ! -s "$password_file" ]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$password_file")
  fi
  local password; password="$(cat "$password_file")"
  if [ ! -f "$data/PG_VERSION" ]; then
    say "creating PostgreSQL cluster in $data (port $SOMESCHOLAR_PG_PORT)"
    rm -rf "$data"; mkdir -p "$data"
    local pwfile="$data.pw"; printf '%s\n' "$password" > "$pwfile"
    if [ "$(id -u)" = 0 ]; then chown postgres "$data" "$pwfile"; chmod 700 "$data"; fi
    pg_run "$bin/initdb" -D "$data" -U somescholar --pwfile="$pwfile" --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $SOMESCHOLAR_PG_PORT
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 256MB
CONF
  fi
  if pg_run "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # Already running (perhaps moved to another port, below): use the port it listens on.
    SOMESCHOLAR_PG_PORT="$(sed -n 4p "$data/postmaster.pid")"
    owner_file="/tmp/somescholar-postgres-$SOMESCHOLAR_PG_PORT.owner"
  else
    # A port held by a server we cannot share (say, a stale owner file) must not stop the tests: take the next free one.
    while (exec 3<>"/dev/tcp/127.0.0.1/$SOMESCHOLAR_PG_PORT") 2>/dev/null; do
      say "port $SOMESCHOLAR_PG_PORT is taken by another server; trying $((SOMESCHOLAR_PG_PORT + 1))"
      SOMESCHOLAR_PG_PORT=$((SOMESCHOLAR_PG_PORT + 1))
    done
    owner_file="/tmp/somescholar-postgres-$SOMESCHOLAR_PG_PORT.owner"
    say "starting PostgreSQL on 127.0.0.1:$SOMESCHOLAR_PG_PORT"
    pg_run "$bin/pg_ctl" -D "$data" -l "$data/server.log" -o "-p $SOMESCHOLAR_PG_PORT" -w -t 60 start >/dev/null
  fi
  printf '%s' "$SOMESCHOLAR_BUILD" > "$owner_file"
  export SOMESCHOLAR_TEST_POSTGRES="Host=127.0.0.1;Port=$SOMESCHOLAR_PG_PORT;Username=somescholar;Password=$password;Database=postgres;Include Error Detail=true"
}

ensure_test_services() {
  local packages=(postgresql chromium poppler-utils sqlite3)
  command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
  ensure_packages "${packages[@]}"
  start_postgres
  export SOMESCHOLAR_CHROMIUM="${SOMESCHOLAR_CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  ensure_test_services
  echo "export SOMESCHOLAR_TEST_POSTGRES='$SOMESCHOLAR_TEST_POSTGRES'"
  echo "export SOMESCHOLAR_CHROMIUM='$SOMESCHOLAR_CHROMIUM'"
fi
