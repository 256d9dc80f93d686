#!/usr/bin/env bash
# Runs every test of the repository on a fresh Debian machine with the .NET 10 SDK, and ends with one line:
#   Tests: N passed, N failed[, N skipped]
# computed from the test runs' TRX results.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet not found on PATH)." >&2
  echo "Tests: 0 passed, 1 failed"
  exit 1
fi

# System packages the tests need: pebble (Let's Encrypt's ACME test server) for certs/. Installed when missing and
# root can; without it the ACME tests fail and say so.
if ! command -v pebble >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "== installing pebble"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pebble; } >/dev/null 2>&1 \
    || echo "pebble could not be installed; the ACME tests will fail" >&2
fi

results="$(mktemp -d)"
. "$ROOT/scripts/lib/postgres.sh"
cleanup() {
  postgres_stop
  rm -rf "$results"
}
trap cleanup EXIT

# PostgreSQL for the tests that run on both providers: one server on loopback for the whole run, each test fixture
# creates and drops a database of its own. Without it those tests fail and say so.
if postgres_start; then
  export SINTESTESIA_TEST_POSTGRES="$PG_CONNECTION"
else
  echo "the PostgreSQL tests will fail" >&2
fi

echo "== build"
if ! dotnet build Gateway.sln -c Release --nologo -v quiet -clp:ErrorsOnly; then
  echo "Tests: 0 passed, 1 failed   (the solution does not build)"
  exit 1
fi

echo "== test"
dotnet test Gateway.sln -c Release --no-build --nologo \
  --logger "trx;LogFilePrefix=tests" --logger "console;verbosity=normal" --results-directory "$results"
status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  attr() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$(( passed + $(attr passed) ))
  failed=$(( failed + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted) ))
  skipped=$(( skipped + $(attr notExecuted) ))
done

# The names of failing tests (and the first lines of why) go last, next to the summary, where CI's tail shows them.
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  awk '
    /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1 }
    want && /<Message>/ { sub(/.*<Message>/, ""); print "FAILED " name ": " substr($0, 1, 400); want = 0 }
  ' "$trx"
done

# A test host that crashed leaves no failing test behind: count the run itself as a failure.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
  echo "dotnet test exited with $status without a failing test: a test host crashed or a project did not run." >&2
fi

line="Tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
