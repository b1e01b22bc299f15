#!/usr/bin/env bash
# Runs every Keelson test on a fresh machine: installs what the tests need when it is
# missing (Debian packages), starts a throwaway PostgreSQL on a loopback port, runs the
# whole suite, and stops what it started.
#
#   ./test.sh                      every test
#   ./test.sh --filter NAME        only tests whose name contains NAME (dotnet test filter)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
RUN_DIR="$ROOT/.test-run"
mkdir -p "$RUN_DIR"

log() { printf '\033[1m[test]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "test.sh: '$*' needs root; install it by hand or run as root" >&2; return 1; fi
}

APT_UPDATED=""
apt_update_once() { [ -n "$APT_UPDATED" ] && return 0; as_root apt-get update -q >/dev/null; APT_UPDATED=1; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 || {
    apt_update_once
    as_root apt-get install -y -q "${missing[@]}" >/dev/null
  }
}

# --- what the tests need -------------------------------------------------------------
# PostgreSQL (a real server for the storage tests), the Python Kubernetes client (a judge
# of the simulator; importable only by /usr/bin/python3).
apt_install postgresql python3-kubernetes

# kubectl 1.20 from Debian, extracted: a plain install would collide with the preinstalled
# /usr/bin/kubectl dispatcher. Kept in .test-run so later runs skip the download.
KUBECTL_120="$RUN_DIR/kubectl-1.20/usr/bin/kubectl"
if [ ! -x "$KUBECTL_120" ]; then
  log "fetching kubectl 1.20 (Debian kubernetes-client)"
  ( cd "$RUN_DIR" && rm -f kubernetes-client_*.deb &&
    { apt-get download -q kubernetes-client >/dev/null 2>&1 || { apt_update_once && apt-get download -q kubernetes-client >/dev/null 2>&1; }; } &&
    dpkg-deb -x kubernetes-client_*.deb "$RUN_DIR/kubectl-1.20" && rm -f kubernetes-client_*.deb )
fi
export KEELSON_KUBECTL_1_20="$KUBECTL_120"

# --- PostgreSQL on loopback, stopped on exit ------------------------------------------
PG_DIR=""
stop_postgres() {
  [ -n "$PG_DIR" ] || return 0
  local pgbin; pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$pgbin/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  else "$pgbin/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$PG_DIR"
}
start_postgres() {
  local pgbin port
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  PG_DIR=$(mktemp -d /tmp/keelson-pg.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  local as=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PG_DIR"; as=(runuser -u postgres --); fi
  "${as[@]}" "$pgbin/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
  "${as[@]}" "$pgbin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
    -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null
  export KEELSON_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
  log "PostgreSQL on 127.0.0.1:$port"
}
trap stop_postgres EXIT
start_postgres

# --- the suite -------------------------------------------------------------------------
log "building"
dotnet build Keelson.slnx -c Release -nologo -clp:ErrorsOnly
log "running tests"
dotnet test Keelson.slnx -c Release --no-build -nologo --logger "console;verbosity=minimal" "$@"
log "all tests passed"
