#!/usr/bin/env bash
# How soon a tenant inserted by plain SQL is routed, p99 of 20 tries, side by side in one run:
#   SQLite (the gateway polls a change counter every 500 ms; goal ≤ 1 s) and
#   PostgreSQL (the gateway LISTENs for the directory trigger's NOTIFY; goal ≤ 200 ms).
#   scripts/bench/routable.sh [--tries N] [--tenants N]   (N tenants in each database; default 3, the demo shops)
# Builds Release, starts a throw-away PostgreSQL on loopback (scripts/lib/postgres.sh), a trivial upstream and one
# gateway per database; about a minute. The probe inserts with plain SQL, then posts the new shop's webhook by Host
# every 5 ms until it stops answering 404.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
tries=20
tenants=3
while [ $# -gt 0 ]; do
  case "$1" in
    --tries) tries="$2"; shift 2 ;;
    --tenants) tenants="$2"; shift 2 ;;
    *) echo "usage: scripts/bench/routable.sh [--tries N] [--tenants N]" >&2; exit 2 ;;
  esac
done

. "$ROOT/scripts/lib/postgres.sh"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  postgres_stop
  rm -rf "$work"
}
trap cleanup EXIT

bin() { echo "$ROOT/$1/bin/Release/net10.0/$2"; }
bench() { dotnet "$(bin gateway/Gateway.Bench Sintestesia.Gateway.Bench.dll)" "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { # url, seconds
  for _ in $(seq 1 $(( $2 * 10 ))); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ] && return 0
    sleep 0.1
  done
  echo "$1 did not answer within $2 s" >&2; return 1
}

echo "== build (Release)"
for project in gateway/Gateway gateway/Gateway.Bench tenant-config/TenantCtl; do
  dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
done
postgres_start

export SINTESTESIA_SECRET_KEY="$(head -c 32 /dev/urandom | base64)"
export SINTESTESIA_PROOF_SECRET="$(head -c 48 /dev/urandom | base64 | tr -d '/+=')"
export ASPNETCORE_ENVIRONMENT=Production Serilog__MinimumLevel__Default=Warning
printf 'Body=hola&From=whatsapp%%3A%%2B56911111111' > "$work/form.txt"
upstream_port="$(free_port)"
dotnet "$(bin gateway/Gateway.Bench Sintestesia.Gateway.Bench.dll)" upstream --port "$upstream_port" & pids+=($!)
wait_http "http://127.0.0.1:$upstream_port/healthz" 30

measure() { # label, provider, connection string, probe's database option
  local public_port internal_port
  public_port="$(free_port)" internal_port="$(free_port)"
  Database__Provider="$2" ConnectionStrings__Tenants="$3" dotnet "$(bin tenant-config/TenantCtl tenantctl.dll)" db migrate --seed-demo >/dev/null
  if [ "$tenants" -gt 3 ]; then
    if [ "$2" = sqlite ]; then
      bench seed --db "$work/routable.db" --tenants "$tenants" >/dev/null
    else
      postgres_psql -d routable -c "INSERT INTO tenant_clients (id, name, slug) SELECT 'bench-' || lpad(i::text, 6, '0'),
        'Bench shop ' || i, 'bench-' || lpad(i::text, 6, '0') FROM generate_series(4, $tenants) AS i"
    fi
  fi
  Database__Provider="$2" ConnectionStrings__Tenants="$3" \
  Gateway__PublicUrl="http://127.0.0.1:$public_port" Gateway__InternalUrl="http://127.0.0.1:$internal_port" \
  Gateway__BotHosts__0="http://127.0.0.1:$upstream_port" Gateway__CertificatesPath="$work/certs" \
    dotnet "$(bin gateway/Gateway Sintestesia.Gateway.dll)" & pids+=($!)
  wait_http "http://127.0.0.1:$public_port/healthz" 90
  echo "   $1: $(bench routable $4 --gateway "http://127.0.0.1:$public_port" --base-domain sintestesia.cl \
    --body-file "$work/form.txt" --tries "$tries")"
}

echo "== measuring ($tries tries each, $tenants tenants; $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC'))"
measure "SQLite (poll 500 ms)    goal ≤ 1 s  " sqlite "Data Source=$work/routable.db" "--db $work/routable.db"
measure "PostgreSQL (NOTIFY)     goal ≤ 0.2 s" postgres "$PG_CONNECTION;Database=routable" "--postgres $PG_CONNECTION;Database=routable"
