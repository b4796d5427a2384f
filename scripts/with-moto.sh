#!/usr/bin/env bash
# Runs a command against a throwaway S3-compatible server (moto_server), then stops it.
#
#   scripts/with-moto.sh COMMAND [ARGS...]
#
# moto listens on 127.0.0.1 at a free port, logging to test-artifacts/moto.log (never to this
# script's output: a caller piping through `tee` would otherwise wait for moto too). Before
# COMMAND runs, an IAM user allowed s3:* is created and moto is switched to checking the
# Signature V4 of every later request against that user's keys, so a wrong signature fails the
# tests as it would on AWS. COMMAND runs with
#   TEST_S3_ENDPOINT=http://127.0.0.1:PORT
#   TEST_S3_ACCESS_KEY_ID=...  TEST_S3_SECRET_ACCESS_KEY=...
# exported. moto is stopped when COMMAND ends, fails or is interrupted. The exit status is
# COMMAND's (or 1 if moto could not start).
set -uo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

if ! command -v moto_server >/dev/null 2>&1; then
  echo "with-moto: moto_server is not on PATH (install it: scripts/install-deps.sh test)" >&2
  exit 1
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$root/test-artifacts"
log="$root/test-artifacts/moto.log"
: >"$log"

moto_pid=
child=
cleanup() {
  if [ -n "$moto_pid" ]; then
    kill "$moto_pid" 2>/dev/null
    wait "$moto_pid" 2>/dev/null
  fi
}
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

answers() {
  python3 - "$1" <<'EOF' >/dev/null 2>&1
import sys, urllib.request
urllib.request.urlopen(sys.argv[1] + "/moto-api/", timeout=2)
EOF
}

# A port found free can be taken before moto binds it: try a few.
port=
for attempt in 1 2 3; do
  candidate=$(free_port)
  echo "with-moto: starting moto_server on 127.0.0.1:$candidate (attempt $attempt)" >>"$log"
  moto_server -H 127.0.0.1 -p "$candidate" </dev/null >>"$log" 2>&1 &
  moto_pid=$!
  for _ in $(seq 1 100); do
    if answers "http://127.0.0.1:$candidate"; then
      port=$candidate
      break
    fi
    kill -0 "$moto_pid" 2>/dev/null || break
    sleep 0.2
  done
  [ -n "$port" ] && break
  kill "$moto_pid" 2>/dev/null
  wait "$moto_pid" 2>/dev/null
  moto_pid=
  echo "with-moto: moto_server did not answer on port $candidate (attempt $attempt)" >&2
done
if [ -z "$port" ]; then
  echo "with-moto: could not start moto_server; see test-artifacts/moto.log" >&2
  exit 1
fi
endpoint="http://127.0.0.1:$port"

# boto3 comes with moto. Until reset-auth, moto checks no signature, so the setup calls need
# no real keys; after it, every request must be signed with the created user's.
if ! keys=$(
  python3 - "$endpoint" 2>>"$log" <<'EOF'
import json, sys, urllib.request
import boto3

endpoint = sys.argv[1]
iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id="setup", aws_secret_access_key="setup")
iam.create_user(UserName="mindreel-tests")
iam.put_user_policy(UserName="mindreel-tests", PolicyName="s3", PolicyDocument=json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
key = iam.create_access_key(UserName="mindreel-tests")["AccessKey"]
# Not form-encoded, or moto's Flask would not hand the body over as data.
urllib.request.urlopen(urllib.request.Request(endpoint + "/moto-api/reset-auth", data=b"0", method="POST",
                                              headers={"Content-Type": "text/plain"}), timeout=5)
print(key["AccessKeyId"], key["SecretAccessKey"])
EOF
); then
  echo "with-moto: could not set up moto's IAM user; see test-artifacts/moto.log" >&2
  exit 1
fi
read -r access_key secret_key <<<"$keys"

export TEST_S3_ENDPOINT="$endpoint"
export TEST_S3_ACCESS_KEY_ID="$access_key"
export TEST_S3_SECRET_ACCESS_KEY="$secret_key"
echo "with-moto: moto_server $(python3 -c 'import moto; print(moto.__version__)' 2>/dev/null) on $endpoint, checking signatures (log: test-artifacts/moto.log)"

# In the background (keeping stdin) so that a signal to this script is handled at once.
"$@" <&0 &
child=$!
wait "$child"
rc=$?
child=
exit "$rc"
