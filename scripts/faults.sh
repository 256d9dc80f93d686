#!/usr/bin/env bash
# Runs the fault tests (gateway/Gateway.Tests/Faults) at a larger scale than CI and prints their figures:
#   scripts/faults.sh [scale]      scale 10 by default; CI runs the same tests at scale 1 within scripts/test.sh
# Each test writes one line "FAULT <name>: held X / tried Y (…)"; they are collected here as a table.
# SINTESTESIA_FAULT_SEED=<seed> replays the hostile-request run a figure names.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

scale="${1:-10}"
if ! [[ "$scale" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/faults.sh [scale]   (a whole number ≥ 1; default 10)" >&2
  exit 2
fi

report="$(mktemp)"
trap 'rm -f "$report"' EXIT

echo "== build"
dotnet build gateway/Gateway.Tests -c Release --nologo -v quiet -clp:ErrorsOnly

echo "== fault tests at scale $scale"
status=0
# The trailing dot keeps other tests whose names merely contain "faults" (DefaultSettings…) out.
SINTESTESIA_FAULT_SCALE="$scale" SINTESTESIA_FAULT_REPORT="$report" \
  dotnet test gateway/Gateway.Tests -c Release --no-build --nologo \
  --filter "FullyQualifiedName~Sintestesia.Gateway.Tests.Faults." --logger "console;verbosity=normal" || status=$?

echo
echo "== figures (scale $scale, $(nproc) cores)"
sed -nE 's|^FAULT ([^:]+): held ([0-9]+) / tried ([0-9]+) \((.*)\)$|\1\t\2\t\3\t\4|p' "$report" | awk -F '\t' '
  { printf "%-28s %7s / %-7s %7.2f %%  %s\n", $1, $2, $3, ($3 > 0 ? 100 * $2 / $3 : 0), $4; n++ }
  END { if (n == 0) print "no FAULT lines were written: did the tests run?" }
'
exit "$status"
