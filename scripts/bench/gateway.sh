#!/usr/bin/env bash
# Gateway throughput side by side, in one run (issue 6): a Twilio-like form POST (~400 bytes, keep-alive) through
#   1. the trivial upstream alone (a bot host's Kestrel doing nothing: the ceiling),
#   2. nginx (1 worker): map $host → X-Tenant-Id, keep-alive upstream; plain YARP; a bare TCP splice (the .NET floor),
#   3. the gateway (Release, Production) with 3 tenants, then with 100,000 tenants,
# plus: the gateway's RSS, how soon a tenant added by plain SQL is routed, and end to end through a real bot host.
#   scripts/bench/gateway.sh [--quick] [--seconds N] [--warmup N] [--connections N]
# Defaults: 10 s runs after a 5 s warm-up, wrk -t1 -c32: about 4 minutes plus the build; --quick (5 s after 2 s): about 2.
# On 2+ cores wrk runs on CPU 0 and every server on CPU 1 (taskset). Needs wrk and nginx (installed with apt-get
# when missing and root can). Prints a summary table at the end; exits 1 if a run saw errors or non-2xx answers.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/scripts/bench"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

seconds=10 warmup=5 connections=32 tries=20 tenants=100000
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) seconds=5 warmup=2 tries=10; shift ;;
    --seconds) seconds="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "usage: $0 [--quick] [--seconds N] [--warmup N] [--connections N]" >&2; exit 2 ;;
  esac
done

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing wrk and nginx"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx; } >/dev/null
  fi
  command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "wrk and nginx are needed (apt-get install wrk nginx)" >&2; exit 2; }
fi

# wrk on one core, the servers on the other: neither steals the other's CPU.
if [ "$(nproc)" -ge 2 ]; then
  client=(taskset -c 0) server=(taskset -c 1) pinning="wrk on CPU 0, servers on CPU 1 (taskset)"
else
  client=() server=() pinning="none (1 CPU)"
fi

echo "== build (Release)"
for project in tenant-config/TenantCtl gateway/Gateway bot-host/BotHost gateway/Gateway.Bench; do
  dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
done
bin() { echo "$ROOT/$1/bin/Release/net10.0/$2"; }
bench() { dotnet "$(bin gateway/Gateway.Bench Sintestesia.Gateway.Bench.dll)" "$@"; }

work="$(mktemp -d)"
chmod 755 "$work"
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

source "$HERE/lib.sh"

export SINTESTESIA_SECRET_KEY SINTESTESIA_PROOF_SECRET
SINTESTESIA_SECRET_KEY="$(head -c 32 /dev/urandom | base64)"
SINTESTESIA_PROOF_SECRET="$(head -c 48 /dev/urandom | base64 | tr -d '/+=')"
unset SINTESTESIA_ADMIN_TOKEN ConnectionStrings__Tenants

echo "== databases: 3 demo tenants, and $tenants tenants"
ConnectionStrings__Tenants="Data Source=$work/t3.db" dotnet "$(bin tenant-config/TenantCtl tenantctl.dll)" db migrate --seed-demo >/dev/null
cp "$work/t3.db" "$work/t100k.db"
bench seed --db "$work/t100k.db" --tenants "$tenants"

write_bodies "$work"
domain=sintestesia.cl
form_targets="acme.$domain|/bot/twilio/webhook,bravo.$domain|/bot/twilio/webhook,mundo-canino.$domain|/bot/twilio/webhook"

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
upstream_port="$(free_port)"
"${server[@]}" dotnet "$(bin gateway/Gateway.Bench Sintestesia.Gateway.Bench.dll)" upstream --port "$upstream_port" &
upstream_pid=$!; pids+=("$upstream_pid")
wait_http "http://127.0.0.1:$upstream_port/healthz" 30

echo "== 1. trivial upstream alone"
measured="$upstream_pid"
load upstream "http://127.0.0.1:$upstream_port" "$form_targets" "$work/form.txt" application/x-www-form-urlencoded

echo "== 2. nginx $(nginx -v 2>&1 | sed 's|.*/||'), 1 worker"
nginx_port="$(free_port)"
bench nginx-map --db "$work/t3.db" --base-domain "$domain" > "$work/tenants.map"
sed -e "s|@DIR@|$work|g" -e "s|@PORT@|$nginx_port|g" -e "s|@UPSTREAM_PORT@|$upstream_port|g" \
  "$HERE/nginx.conf.template" > "$work/nginx.conf"
"${server[@]}" nginx -p "$work" -c "$work/nginx.conf" -e "$work/nginx-error.log" -g 'daemon off;' &
nginx_pid=$!; pids+=("$nginx_pid")
sleep 0.5
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: acme.$domain" -d x "http://127.0.0.1:$nginx_port/bot/twilio/webhook")" = 200 ] \
  || { echo "nginx does not proxy; see $work/nginx-error.log" >&2; cat "$work/nginx-error.log" >&2; exit 1; }
measured="$nginx_pid"
load nginx "http://127.0.0.1:$nginx_port" "$form_targets" "$work/form.txt" application/x-www-form-urlencoded
stop_pid "$nginx_pid"

echo "== 2b. plain YARP 2.3: one wildcard route, X-Tenant-Id from an in-memory Host table (the issue's reference)"
yarp_port="$(free_port)"
"${server[@]}" dotnet "$(bin gateway/Gateway.Bench Sintestesia.Gateway.Bench.dll)" plain-yarp --port "$yarp_port" \
  --upstream "http://127.0.0.1:$upstream_port" --db "$work/t3.db" --base-domain "$domain" &
yarp_pid=$!; pids+=("$yarp_pid")
[ "$(curl -s -o /dev/null -w '%{http_code}' --retry 20 --retry-connrefused --retry-delay 0 -H "Host: acme.$domain" -d x \
  "http://127.0.0.1:$yarp_port/bot/twilio/webhook")" = 200 ] || { echo "plain YARP does not proxy" >&2; exit 1; }
measured="$yarp_pid"
load plain-yarp "http://127.0.0.1:$yarp_port" "$form_targets" "$work/form.txt" application/x-www-form-urlencoded
stop_pid "$yarp_pid"

echo "== 2c. TCP splice: a client connection paired with an upstream one, bytes copied both ways (the floor of a .NET proxy)"
splice_port="$(free_port)"
"${server[@]}" dotnet "$(bin gateway/Gateway.Bench Sintestesia.Gateway.Bench.dll)" tcp-splice --port "$splice_port" \
  --upstream "http://127.0.0.1:$upstream_port" &
splice_pid=$!; pids+=("$splice_pid")
[ "$(curl -s -o /dev/null -w '%{http_code}' --retry 20 --retry-connrefused --retry-delay 0 -H "Host: acme.$domain" -d x \
  "http://127.0.0.1:$splice_port/bot/twilio/webhook")" = 200 ] || { echo "the TCP splice does not forward" >&2; exit 1; }
measured="$splice_pid"
load tcp-splice "http://127.0.0.1:$splice_port" "$form_targets" "$work/form.txt" application/x-www-form-urlencoded
stop_pid "$splice_pid"

echo "== 3. gateway, 3 tenants"
start_gateway "$work/t3.db" "http://127.0.0.1:$upstream_port"
measured="$gateway_pid"
load gateway-3 "http://127.0.0.1:$public_port" "$form_targets" "$work/form.txt" application/x-www-form-urlencoded
rss3="$(rss_mb "$gateway_pid")"
# The JSON webhook on the internal listener, to the trivial upstream: the denominator of the end-to-end ratio.
json_targets="x|/webhook/acme,x|/webhook/bravo,x|/webhook/mundo-canino"
load gateway-json "http://127.0.0.1:$internal_port" "$json_targets" "$work/json.txt" application/json
routable3="$(bench routable --db "$work/t3.db" --gateway "http://127.0.0.1:$public_port" --base-domain "$domain" \
  --body-file "$work/form.txt" --tries "$tries")"
echo "   $routable3"
stop_pid "$gateway_pid"

echo "== 4. gateway, $tenants tenants"
start_gateway "$work/t100k.db" "http://127.0.0.1:$upstream_port"
measured="$gateway_pid"
load gateway-100k "http://127.0.0.1:$public_port" "$form_targets" "$work/form.txt" application/x-www-form-urlencoded
rss100k="$(rss_mb "$gateway_pid")"
routable100k="$(bench routable --db "$work/t100k.db" --gateway "http://127.0.0.1:$public_port" --base-domain "$domain" \
  --body-file "$work/form.txt" --tries "$tries")"
echo "   $routable100k   RSS ${rss100k} MB"
stop_pid "$gateway_pid"
stop_pid "$upstream_pid"

echo "== 5. end to end: gateway → real bot host → acme's catalog"
bot_port="$(free_port)"
ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Tenants="Data Source=$work/t3.db" Serilog__MinimumLevel__Default=Warning \
  "${server[@]}" dotnet "$(bin bot-host/BotHost Sintestesia.BotHost.dll)" --urls "http://127.0.0.1:$bot_port" &
bot_pid=$!; pids+=("$bot_pid")
wait_http "http://127.0.0.1:$bot_port/healthz" 60
start_gateway "$work/t3.db" "http://127.0.0.1:$bot_port"
answer="$(curl -s -X POST -H 'Content-Type: application/json' --data-binary @"$work/json.txt" "http://127.0.0.1:$internal_port/webhook/acme")"
echo "   sample answer: ${answer:0:160}"
measured="$gateway_pid $bot_pid"
load end-to-end "http://127.0.0.1:$internal_port" "x|/webhook/acme" "$work/json.txt" application/json
stop_pid "$gateway_pid"
stop_pid "$bot_pid"

field() { echo "${results[$1]}" | cut -d' ' -f"$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
p99_of() { echo "$1" | sed -n 's/.* p99 \([0-9.]*\) s.*/\1/p'; }

echo
echo "== summary"
echo "load average before the runs: $load_start (a busy machine lowers every req/s; compare the ratios)"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load: wrk -t1 -c$connections, ${warmup} s warm-up + ${seconds} s measured, keep-alive; pinning: $pinning"
printf '| %-36s | %7s | %7s | %7s | %10s | %6s | %5s |\n' run "req/s" "p50 ms" "p99 ms" "CPU us/req" errors load
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..38})" --------- --------- --------- ------------ -------- -------
for name in upstream nginx plain-yarp tcp-splice gateway-3 gateway-100k gateway-json end-to-end; do
  case "$name" in
    upstream) label="trivial upstream alone" ;;
    nginx) label="nginx to upstream" ;;
    plain-yarp) label="plain YARP to upstream (reference)" ;;
    tcp-splice) label="TCP splice to upstream (.NET floor)" ;;
    gateway-3) label="gateway to upstream, 3 tenants" ;;
    gateway-100k) label="gateway to upstream, $tenants tenants" ;;
    gateway-json) label="gateway JSON /webhook/{slug}" ;;
    end-to-end) label="gateway JSON to real bot host" ;;
  esac
  printf '| %-36s | %7s | %7s | %7s | %10s | %6s | %5s |\n' "$label" \
    "$(field "$name" 1)" "$(field "$name" 2)" "$(field "$name" 3)" "$(field "$name" 5)" "$(field "$name" 4)" "$(field "$name" 6)"
done
echo "(CPU us/req: the proxy's own CPU per request, upstream excluded; end to end counts gateway and bot host.)"
echo
echo "gateway / nginx (req/s), 3 tenants:              $(ratio "$(field gateway-3 1)" "$(field nginx 1)")"
echo "gateway / nginx (p99, lower is better):          $(ratio "$(field gateway-3 3)" "$(field nginx 3)")"
echo "gateway / nginx (CPU per request):               $(ratio "$(field gateway-3 5)" "$(field nginx 5)")"
echo "plain YARP / nginx (req/s):                      $(ratio "$(field plain-yarp 1)" "$(field nginx 1)")   (the issue measured 0.45)"
echo "gateway / plain YARP (req/s):                    $(ratio "$(field gateway-3 1)" "$(field plain-yarp 1)")   (what our steps cost)"
echo "gateway / plain YARP (CPU per request):          $(ratio "$(field gateway-3 5)" "$(field plain-yarp 5)")"
echo "TCP splice / nginx (req/s):                      $(ratio "$(field tcp-splice 1)" "$(field nginx 1)")   (no HTTP work at all: the ceiling for .NET sockets)"
echo "gateway / TCP splice (req/s):                    $(ratio "$(field gateway-3 1)" "$(field tcp-splice 1)")   (what the gateway's HTTP work costs)"
echo "nginx / upstream alone:                          $(ratio "$(field nginx 1)" "$(field upstream 1)")"
echo "gateway / upstream alone:                        $(ratio "$(field gateway-3 1)" "$(field upstream 1)")"
echo "gateway $tenants vs 3 tenants (req/s):       $(ratio "$(field gateway-100k 1)" "$(field gateway-3 1)")   (goal ≥ 0.95)"
echo "gateway RSS: ${rss3} MB at 3 tenants, ${rss100k} MB at $tenants tenants   (goal ≤ 400 MB)"
echo "tenant added by SQL routable, 3 tenants:         p99 $(p99_of "$routable3") s   (goal ≤ 1 s)"
echo "tenant added by SQL routable, $tenants tenants: p99 $(p99_of "$routable100k") s   (goal ≤ 1 s)"
echo "end to end / gateway → trivial (JSON, req/s):    $(ratio "$(field end-to-end 1)" "$(field gateway-json 1)")"

bad=0
for name in "${!results[@]}"; do [ "$(field "$name" 4)" = 0 ] || bad=1; done
[ "$bad" = 0 ] || { echo "some runs saw socket errors or non-2xx answers: see the errors column" >&2; exit 1; }
