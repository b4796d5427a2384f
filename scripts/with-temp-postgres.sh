#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster, then removes the cluster.
#
#   scripts/with-temp-postgres.sh COMMAND [ARGS...]
#
# The cluster lives in a fresh `mktemp -d` folder (data, socket and log), listens on 127.0.0.1 at
# a free port with trust authentication, and is tuned for tests (no fsync). COMMAND runs with
#   TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/postgres
# exported. The cluster is stopped and its folder removed when COMMAND ends, fails or is
# interrupted. The exit status is COMMAND's (or 1 if the cluster could not start).
set -uo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "with-temp-postgres: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin" >&2
  echo "                    (install the Debian package 'postgresql': scripts/install-deps.sh test)" >&2
  exit 1
fi

# initdb refuses to run as root: as root, the cluster belongs to the 'postgres' user.
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  as_pg=(runuser -u postgres --)
fi

tmp=$(mktemp -d -t mindreel-pg.XXXXXX)
if [ ${#as_pg[@]} -gt 0 ]; then
  chown postgres: "$tmp"
fi
data="$tmp/data"
log="$tmp/server.log"
started=0

cleanup() {
  if [ "$started" -eq 1 ]; then
    # A throwaway cluster: no need for a clean shutdown checkpoint.
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
}
child=
# Pass an interrupt on to COMMAND, wait for it, then clean up (the EXIT trap).
on_signal() {
  if [ -n "$child" ]; then
    kill "-$1" "$child" 2>/dev/null
    wait "$child" 2>/dev/null
  fi
  exit "$2"
}
trap cleanup EXIT
trap 'on_signal INT 130' INT
trap 'on_signal TERM 143' TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

if ! "${as_pg[@]}" "$pg_bin/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
  >"$tmp/initdb.log" 2>&1; then
  echo "with-temp-postgres: initdb failed:" >&2
  cat "$tmp/initdb.log" >&2
  exit 1
fi

# A port found free can be taken before the server binds it: try a few.
port=
for attempt in 1 2 3; do
  candidate=$(free_port)
  if "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start -o "\
-c listen_addresses=127.0.0.1 -c unix_socket_directories=$tmp -p $candidate \
-c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    >/dev/null 2>&1; then
    port=$candidate
    started=1
    break
  fi
  echo "with-temp-postgres: start on port $candidate failed (attempt $attempt)" >&2
done
if [ -z "$port" ]; then
  echo "with-temp-postgres: could not start PostgreSQL; its log:" >&2
  cat "$log" >&2 2>/dev/null
  exit 1
fi

export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "with-temp-postgres: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (cluster in $tmp)"

# In the background (keeping stdin) so that a signal to this script is handled at once.
"$@" <&0 &
child=$!
wait "$child"
rc=$?
child=
exit "$rc"
