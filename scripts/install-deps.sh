#!/usr/bin/env bash
# Installs what Mindreel needs on a Debian machine, and nothing when it is all there.
#
#   scripts/install-deps.sh run    what `make run` needs (the Swift toolchain must already exist)
#   scripts/install-deps.sh test   everything `make test` needs: PostgreSQL, ffmpeg, espeak-ng,
#                                  chromium + chromedriver, wrk, tmux, pytest/selenium/axe, and
#                                  moto[server] (the S3-compatible server of the storage tests)
#
# As root it installs with apt-get and pip; otherwise it says what to install and exits 1.
set -euo pipefail

mode=${1:-test}
case "$mode" in
  run | test) ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac

# Debian packages per mode. `make run` transcodes uploads and makes the narrated demo videos
# (ffmpeg, espeak-ng, a font for the titles); `make test` needs the rest too.
run_packages=(ffmpeg espeak-ng fonts-dejavu-core)
test_packages=(postgresql ffmpeg espeak-ng fonts-dejavu-core chromium chromium-driver wrk tmux curl)
# flask_cors comes with moto's server extras only: it tells a bare `moto` from `moto[server]`.
python_modules=(pytest selenium axe_selenium_python moto flask_cors)   # import names
pip_packages=(pytest selenium axe-selenium-python "moto[server]")      # distribution names

is_root() { [ "$(id -u)" -eq 0 ]; }

if ! command -v swift >/dev/null 2>&1; then
  echo "error: 'swift' is not on PATH. Install the Swift 6 toolchain (https://www.swift.org/install/linux/)" >&2
  echo "       and make sure its usr/bin directory is on PATH, then run this again." >&2
  exit 1
fi

if [ "$mode" = test ]; then
  wanted=("${test_packages[@]}")
  # A fresh image has Python, but be explicit about what pip needs.
  command -v python3 >/dev/null 2>&1 || wanted+=(python3 python3-pip)
else
  wanted=("${run_packages[@]}")
fi

missing=()
for pkg in "${wanted[@]}"; do
  # `dpkg -s` alone also succeeds for removed-but-configured packages; check the status line.
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  if is_root; then
    echo "==> installing Debian packages: ${wanted[*]} (missing: ${missing[*]})"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q "${wanted[@]}"
  else
    echo "error: missing Debian packages: ${missing[*]}" >&2
    echo "       install them as root with:" >&2
    echo "         apt-get update && apt-get install -y ${wanted[*]}" >&2
    exit 1
  fi
fi

[ "$mode" = test ] || exit 0

python_ok() {
  python3 - "${python_modules[@]}" <<'EOF' >/dev/null 2>&1
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
EOF
}

if ! python_ok; then
  if ! python3 -m pip --version >/dev/null 2>&1; then
    if is_root; then
      DEBIAN_FRONTEND=noninteractive apt-get update -q
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-pip
    else
      echo "error: python3 has no pip; install python3-pip (as root: apt-get install -y python3-pip)" >&2
      exit 1
    fi
  fi
  echo "==> installing Python packages: ${pip_packages[*]}"
  pip_err=$(mktemp)
  trap 'rm -f "$pip_err"' EXIT
  if ! python3 -m pip install -q "${pip_packages[@]}" 2>"$pip_err"; then
    # Debian's own python3 is "externally managed" (PEP 668); these are test-only tools.
    if grep -q externally-managed "$pip_err"; then
      python3 -m pip install -q --break-system-packages "${pip_packages[@]}"
    else
      cat "$pip_err" >&2
      echo "error: pip install failed; as a user without root try: python3 -m pip install --user ${pip_packages[*]}" >&2
      exit 1
    fi
  fi
  python_ok || {
    echo "error: ${python_modules[*]} still do not import after pip install" >&2
    exit 1
  }
fi

# scripts/with-moto.sh runs the server by its command name.
if ! command -v moto_server >/dev/null 2>&1; then
  scripts_dir=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null)
  echo "error: moto_server is not on PATH although moto imports; pip puts it in ${scripts_dir:-its scripts folder}," >&2
  echo "       which must be on PATH (or reinstall: python3 -m pip install 'moto[server]')" >&2
  exit 1
fi
