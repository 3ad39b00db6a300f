#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the hub's tests and benchmark: initdb in a temp dir
# as the postgres user, listening on loopback only (port 55432), password auth over TCP.
# Idempotent: an already running cluster is kept. Writes what the tests need to
# $KAKANAI_PG_DIR/env.json (default /tmp/kakanai-pg): the admin URL, the data dir, pg_ctl.
#
#   apt-get install -y postgresql
#   bash scripts/ci/start-postgres.sh     # start
#   bash scripts/ci/start-postgres.sh stop
set -euo pipefail

DIR="${KAKANAI_PG_DIR:-/tmp/kakanai-pg}"
PORT="${KAKANAI_PG_PORT:-55432}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "start-postgres.sh: PostgreSQL's server is not installed; apt-get install -y postgresql" >&2
  exit 1
fi
as_pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "${1:-start}" = "stop" ]; then
  [ -f "$DIR/data/postmaster.pid" ] && as_pg "$BIN/pg_ctl" -D "$DIR/data" stop -m fast >/dev/null || true
  echo "postgres stopped"
  exit 0
fi

mkdir -p "$DIR"
[ "$(id -u)" = "0" ] && chown postgres:postgres "$DIR"
if [ ! -f "$DIR/data/PG_VERSION" ]; then
  PASS="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
  printf '%s\n' "$PASS" > "$DIR/pwfile"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$DIR/pwfile"
  as_pg "$BIN/initdb" -D "$DIR/data" -U postgres --pwfile="$DIR/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  # TLS with a throw-away CA: the tests check verify-full (a CA that does not match is refused).
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=kakanai test hub CA" \
    -keyout "$DIR/ca.key" -out "$DIR/ca.pem" >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$DIR/data/server.key" \
    -out "$DIR/server.csr" >/dev/null 2>&1
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$DIR/san.ext"
  openssl x509 -req -in "$DIR/server.csr" -CA "$DIR/ca.pem" -CAkey "$DIR/ca.key" -CAcreateserial \
    -days 30 -extfile "$DIR/san.ext" -out "$DIR/data/server.crt" >/dev/null 2>&1
  chmod 600 "$DIR/data/server.key"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$DIR/data/server.key" "$DIR/data/server.crt"
  {
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $PORT"
    echo "unix_socket_directories = '$DIR'"
    echo "max_connections = 300"
    echo "fsync = on"
    echo "ssl = on"
  } >> "$DIR/data/postgresql.conf"
fi
if ! as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w start >/dev/null
fi
PASS="$(cat "$DIR/pwfile")"
cat > "$DIR/env.json" <<JSON
{
  "adminUrl": "postgres://postgres:$PASS@127.0.0.1:$PORT/postgres",
  "dataDir": "$DIR/data",
  "pgCtl": "$BIN/pg_ctl",
  "caFile": "$DIR/ca.pem",
  "port": $PORT
}
JSON
chmod 644 "$DIR/env.json"
echo "postgres running on 127.0.0.1:$PORT ($DIR/env.json)"
