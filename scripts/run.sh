#!/usr/bin/env bash
# `make run`: install what is missing, build, seed the demo data on first run, and serve.
#
#   HOST (default 127.0.0.1), PORT (default 8080), MINDREEL_DATA_DIR (default ./data)
#
# `mindreel serve` runs the migrations itself; `seed --demo` runs them too and is safe to repeat,
# but runs only once per data directory (marker file .demo-seeded) so that a restart is quick.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

if ! command -v swift >/dev/null 2>&1; then
  echo "error: 'swift' is not on PATH: install the Swift 6 toolchain (https://www.swift.org/install/linux/) first." >&2
  exit 1
fi

"$root/scripts/install-deps.sh" run

echo "==> swift build"
swift build

bin="$root/.build/debug/mindreel"
host=${HOST:-127.0.0.1}
port=${PORT:-8080}
# Links in mail and printed by the seed point here unless the caller says otherwise.
case "$host" in 0.0.0.0 | ::) base_host=127.0.0.1 ;; *) base_host=$host ;; esac
export MINDREEL_BASE_URL=${MINDREEL_BASE_URL:-http://$base_host:$port}
data_dir=${MINDREEL_DATA_DIR:-./data}
mkdir -p "$data_dir"
marker="$data_dir/.demo-seeded"
if [ ! -e "$marker" ]; then
  echo "==> first run: seeding demo accounts (mindreel seed --demo)"
  "$bin" seed --demo
  touch "$marker"
fi

echo "==> serving Mindreel on http://$host:$port (Ctrl-C stops it)"
exec "$bin" serve --hostname "$host" --port "$port"
