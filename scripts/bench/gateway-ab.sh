#!/usr/bin/env bash
# What one change to the gateway bought: the gateway built from a base revision and from the working tree, measured
# in turns (base, change, base, change, …) against one trivial upstream, with the same load as scripts/bench/gateway.sh
# (Twilio-like form POST, 3 tenants, wrk -t1 -c32). Turns cancel out a machine whose load drifts between minutes.
#   scripts/bench/gateway-ab.sh [--base REV] [--rounds N] [--seconds N] [--warmup N] [--connections N]
# Defaults: base HEAD, 3 rounds of 5 s runs after a 3 s warm-up: about 2 minutes plus two builds.
# Prints each run and the medians; the ratio change / base above 1 means the change is faster.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/scripts/bench"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

base=HEAD rounds=3 seconds=5 warmup=3 connections=32
while [ $# -gt 0 ]; do
  case "$1" in
    --base) base="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "usage: $0 [--base REV] [--rounds N] [--seconds N] [--warmup N] [--connections N]" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 2; }
if [ "$(nproc)" -ge 2 ]; then client=(taskset -c 0) server=(taskset -c 1); else client=() server=(); fi

work="$(mktemp -d)"
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  git -C "$ROOT" worktree remove --force "$work/base" 2>/dev/null || true
  rm -rf "$work"
}
trap stop_all EXIT
trap 'exit 130' INT TERM
source "$HERE/lib.sh"
bin() { echo "$ROOT/$1/bin/Release/net10.0/$2"; }

echo "== build: base $(git rev-parse --short "$base") and the working tree (Release)"
git worktree add --detach "$work/base" "$base" >/dev/null 2>&1
for project in tenant-config/TenantCtl gateway/Gateway gateway/Gateway.Bench; do
  dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
done
dotnet build "$work/base/gateway/Gateway" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
declare -A dll=(
  [base]="$work/base/gateway/Gateway/bin/Release/net10.0/Sintestesia.Gateway.dll"
  [change]="$(bin gateway/Gateway Sintestesia.Gateway.dll)"
)

export SINTESTESIA_SECRET_KEY SINTESTESIA_PROOF_SECRET
SINTESTESIA_SECRET_KEY="$(head -c 32 /dev/urandom | base64)"
SINTESTESIA_PROOF_SECRET="$(head -c 48 /dev/urandom | base64 | tr -d '/+=')"
unset SINTESTESIA_ADMIN_TOKEN ConnectionStrings__Tenants
ConnectionStrings__Tenants="Data Source=$work/t3.db" dotnet "$(bin tenant-config/TenantCtl tenantctl.dll)" db migrate --seed-demo >/dev/null
write_bodies "$work"
domain=sintestesia.cl
form_targets="acme.$domain|/bot/twilio/webhook,bravo.$domain|/bot/twilio/webhook,mundo-canino.$domain|/bot/twilio/webhook"

upstream_port="$(free_port)"
"${server[@]}" dotnet "$(bin gateway/Gateway.Bench Sintestesia.Gateway.Bench.dll)" upstream --port "$upstream_port" &
upstream_pid=$!; pids+=("$upstream_pid")
wait_http "http://127.0.0.1:$upstream_port/healthz" 30

declare -A rps cpu
for round in $(seq 1 "$rounds"); do
  for variant in base change; do
    start_gateway "$work/t3.db" "http://127.0.0.1:$upstream_port" "${dll[$variant]}"
    measured="$gateway_pid"
    load "$variant-$round" "http://127.0.0.1:$public_port" "$form_targets" "$work/form.txt" application/x-www-form-urlencoded
    stop_pid "$gateway_pid"
    rps[$variant]+="$(echo "${results[$variant-$round]}" | cut -d' ' -f1) "
    cpu[$variant]+="$(echo "${results[$variant-$round]}" | cut -d' ' -f5) "
    [ "$(echo "${results[$variant-$round]}" | cut -d' ' -f4)" = 0 ] || { echo "$variant saw errors or non-2xx answers" >&2; exit 1; }
  done
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
echo
echo "== medians of $rounds rounds ($(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg))"
for variant in base change; do
  printf '   %-7s %8s req/s   CPU %4s us/req   (req/s: %s)\n' "$variant" \
    "$(echo "${rps[$variant]}" | median)" "$(echo "${cpu[$variant]}" | median)" "${rps[$variant]% }"
done
awk -v a="$(echo "${rps[change]}" | median)" -v b="$(echo "${rps[base]}" | median)" \
  -v c="$(echo "${cpu[change]}" | median)" -v d="$(echo "${cpu[base]}" | median)" \
  'BEGIN { printf "change / base: req/s %.2f, CPU per request %.2f\n", a / b, c / d }'
