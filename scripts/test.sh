#!/usr/bin/env bash
# `make test`: every test of Mindreel, on a fresh Debian machine as on a developer's.
#
#   1. installs what the tests need (scripts/install-deps.sh test)
#   2. builds once: swift build --build-tests
#   3. Swift tests on SQLite (in memory per test app), with a throwaway moto_server for the S3
#      storage tests (scripts/with-moto.sh)
#   4. the database-backed AppTests again on a throwaway PostgreSQL cluster (and moto again),
#      except the real-ffmpeg pipeline tests, which do not depend on the database
#   5. browser tests: pytest + Selenium + headless chromium + axe-core (Tests/Browser)
#   6. one closing line `N passed, N failed` summing every suite
#
# Every suite runs even when an earlier one failed, so that the summary is complete. The exit
# status is non-zero when a test failed, a suite ended without results, or a suite ran no test
# (each such suite also counts as one failure in the closing line).
# Results, logs and screenshots: test-artifacts/ (git-ignored).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1
artifacts="$root/test-artifacts"

started=$SECONDS
elapsed() {
  local s=$((SECONDS - started))
  printf '%d:%02d' $((s / 60)) $((s % 60))
}
section() {
  printf '\n==> [%s] %s\n' "$(elapsed)" "$*"
}

total_passed=0
total_failed=0
report=()   # one line per suite for the summary
problems=() # why the run failed, besides failed tests

finish() {
  section "summary (total time $(elapsed))"
  local line
  for line in "${report[@]}"; do
    printf '  %s\n' "$line"
  done
  for line in "${problems[@]}"; do
    printf '  problem: %s\n' "$line"
  done
  printf '  artifacts: %s\n' "${artifacts#"$root"/}"
  echo
  echo "$total_passed passed, $total_failed failed"
  if [ "$total_failed" -gt 0 ] || [ ${#problems[@]} -gt 0 ]; then
    exit 1
  fi
  exit 0
}

# record SUITE EXIT_CODE XML_FILE... — adds a suite's counts from its JUnit XML files.
record() {
  local suite=$1 rc=$2
  shift 2
  local counts passed failed skipped
  if ! counts=$(python3 "$root/scripts/junit_counts.py" "$@"); then
    report+=("$suite: no results (exit code $rc)")
    problems+=("$suite ended without writing test results (exit code $rc); see its log in test-artifacts/")
    total_failed=$((total_failed + 1))
    return
  fi
  read -r passed failed skipped <<<"$counts"
  report+=("$suite: $passed passed, $failed failed, $skipped skipped (exit code $rc)")
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  if [ $((passed + failed)) -eq 0 ]; then
    problems+=("$suite ran no test")
    total_failed=$((total_failed + 1))
  elif [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    problems+=("$suite exited with $rc although no test failed (a crash, or an error outside the tests); see its log")
    total_failed=$((total_failed + 1))
  fi
}

rm -rf "$artifacts"
mkdir -p "$artifacts"

# Tests choose their own databases: never one from the caller's environment.
unset DATABASE_URL TEST_POSTGRES_URL

section "installing test dependencies"
if ! "$root/scripts/install-deps.sh" test; then
  problems+=("could not install the test dependencies (scripts/install-deps.sh test)")
  total_failed=$((total_failed + 1))
  finish
fi

section "building: swift build --build-tests"
swift build --build-tests 2>&1 | tee "$artifacts/build.log"
rc=${PIPESTATUS[0]}
if [ "$rc" -ne 0 ]; then
  problems+=("swift build --build-tests failed (exit code $rc); no test could run; see test-artifacts/build.log")
  total_failed=$((total_failed + 1))
  finish
fi
section "build done"

section "Swift tests on SQLite, S3 storage on moto: swift test --skip-build"
"$root/scripts/with-moto.sh" \
  swift test --skip-build --xunit-output "$artifacts/sqlite.xml" 2>&1 | tee "$artifacts/sqlite.log"
rc=${PIPESTATUS[0]}
# XCTest writes sqlite.xml, Swift Testing sqlite-swift-testing.xml: count both.
record "swift/sqlite" "$rc" "$artifacts"/sqlite*.xml

section "AppTests on PostgreSQL: swift test --skip-build --filter AppTests"
"$root/scripts/with-moto.sh" "$root/scripts/with-temp-postgres.sh" \
  swift test --skip-build --filter AppTests --skip RealPipelineTests --xunit-output "$artifacts/postgres.xml" 2>&1 |
  tee "$artifacts/postgres.log"
rc=${PIPESTATUS[0]}
record "swift/postgres" "$rc" "$artifacts"/postgres*.xml

section "browser tests: pytest Tests/Browser"
export MINDREEL_BIN="${MINDREEL_BIN:-$root/.build/debug/mindreel}"
python3 -m pytest Tests/Browser -q --junitxml="$artifacts/browser.xml" 2>&1 | tee "$artifacts/browser.log"
rc=${PIPESTATUS[0]}
record "browser" "$rc" "$artifacts/browser.xml"

finish
