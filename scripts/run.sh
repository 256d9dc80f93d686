#!/usr/bin/env bash
# Runs the whole platform locally: gateway (public :8080, internal API :9001) and two bot hosts (:9101, :9102)
# on SQLite with the three demo shops. Logs go to this terminal; Ctrl-C or SIGTERM stops everything.
# Honours SINTESTESIA_ADMIN_TOKEN (enables the admin API) and ConnectionStrings__Tenants from the environment.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ConnectionStrings__Tenants="${ConnectionStrings__Tenants:-Data Source=$ROOT/data/sintestesia.db}"
mkdir -p data

# Development secrets: made once, kept in data/ (git-ignored, mode 0600). Production sets its own.
if [ ! -f data/dev-secrets.env ]; then
  ( umask 077
    printf 'SINTESTESIA_SECRET_KEY=%s\nSINTESTESIA_PROOF_SECRET=%s\n' \
      "$(head -c 32 /dev/urandom | base64)" "$(head -c 48 /dev/urandom | base64 | tr -d '/+=')" > data/dev-secrets.env )
fi
set -a; . data/dev-secrets.env; set +a

echo "== building (Release)"
for project in tenant-config/TenantCtl gateway/Gateway bot-host/BotHost; do
  dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly
done
bin() { echo "$ROOT/$1/bin/Release/net10.0/$2"; }

echo "== database: migrate and seed the demo shops"
dotnet "$(bin tenant-config/TenantCtl tenantctl.dll)" db migrate --seed-demo

pids=()
stop() {
  trap - INT TERM EXIT
  echo "== stopping"
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap 'stop; exit 0' INT TERM
trap stop EXIT

wait_port() { # port, seconds
  for _ in $(seq 1 $(( $2 * 10 ))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on port $1 after $2 s" >&2; return 1
}

for port in 9101 9102; do
  dotnet "$(bin bot-host/BotHost Sintestesia.BotHost.dll)" --urls "http://127.0.0.1:$port" &
  pids+=($!)
done
wait_port 9101 60; wait_port 9102 60

Gateway__BotHosts__0=http://127.0.0.1:9101 Gateway__BotHosts__1=http://127.0.0.1:9102 \
  Gateway__HttpsUrl="${Gateway__HttpsUrl:-https://0.0.0.0:8443}" \
  dotnet "$(bin gateway/Gateway Sintestesia.Gateway.dll)" &
pids+=($!)
wait_port 9001 60

cat <<INFO
== ready
   internal API  http://127.0.0.1:9001   (GET /tenants, POST /webhook/{slug}, /admin/* $( [ -n "${SINTESTESIA_ADMIN_TOKEN:-}" ] && echo "enabled" || echo "disabled: set SINTESTESIA_ADMIN_TOKEN"))
   public HTTP   http://127.0.0.1:8080   (Host: {slug}.sintestesia.cl, POST /bot/twilio/webhook)
   public HTTPS  https://127.0.0.1:8443  (development CA in data/certs; see the HTTPS line above for curl)
   try: curl -s -X POST localhost:9001/webhook/acme -H 'Content-Type: application/json' -d '{"telefono":"+56911111111","mensaje":"northern lights"}'
INFO
# Any process exiting ends the run: a half-started system is worse than a clear failure.
wait -n "${pids[@]}"
echo "a process exited; stopping the others" >&2
exit 1
