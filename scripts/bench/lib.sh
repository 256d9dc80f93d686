# Helpers shared by the gateway benchmarks (sourced; expects $work, $HERE, $connections, $warmup, $seconds and the
# client=() and server=() pinning arrays to be set by the caller, and bin() to name a built file).

free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 30000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
wait_http() { # url, seconds: until it answers 200
  for _ in $(seq 1 $(( $2 * 10 ))); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" = 200 ] && return 0
    sleep 0.1
  done
  echo "$1 did not answer 200 within $2 s" >&2; return 1
}
stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
# CPU seconds (user + system) so far of a process and its threads, plus its children's (nginx's worker).
cpu_ticks() {
  local total=0 pid
  for pid in "$@" $(for p in "$@"; do cat "/proc/$p/task/$p/children" 2>/dev/null; done); do
    total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}

start_gateway() { # database, bot-host URL[, gateway DLL]; sets gateway_pid, public_port, internal_port
  public_port="$(free_port)" internal_port="$(free_port)"
  ASPNETCORE_ENVIRONMENT=Production \
  ConnectionStrings__Tenants="Data Source=$1" \
  Gateway__PublicUrl="http://127.0.0.1:$public_port" Gateway__InternalUrl="http://127.0.0.1:$internal_port" \
  Gateway__BotHosts__0="$2" Gateway__CertificatesPath="$work/certs" \
  Gateway__RateLimit__PerMinute=1000000 Gateway__RateLimit__Burst=1000000 \
  Serilog__MinimumLevel__Default=Warning \
    "${server[@]}" dotnet "${3:-$(bin gateway/Gateway Sintestesia.Gateway.dll)}" &
  gateway_pid=$!; pids+=("$gateway_pid")
  wait_http "http://127.0.0.1:$public_port/healthz" 90
}

write_bodies() { # dir: form.txt (a Twilio inbound message as Twilio posts it, about 400 bytes) and json.txt
  printf '%s' "ToCountry=CL&ToState=&SmsMessageSid=SM7d6a9f0e4b2c4a1d8e3f5a6b7c8d9e0f&NumMedia=0&ToCity=&FromZip=&SmsSid=SM7d6a9f0e4b2c4a1d8e3f5a6b7c8d9e0f&FromState=&SmsStatus=received&FromCity=&Body=Hola%2C+tienen+northern+lights%3F+Quiero+2+unidades&FromCountry=CL&To=whatsapp%3A%2B14155238886&ToZip=&NumSegments=1&ReferralNumMedia=0&MessageSid=SM7d6a9f0e4b2c4a1d8e3f5a6b7c8d9e0f&AccountSid=AC0123456789abcdef0123456789abcdef&From=whatsapp%3A%2B56911111111&ApiVersion=2010-04-01&ProfileName=Cliente" > "$1/form.txt"
  printf '%s' '{"telefono":"+56911111111","mensaje":"northern lights"}' > "$1/json.txt"
}

# wrk: warm-up, then the measured run; leaves "req/s p50_ms p99_ms bad cpu_us load" in results[name], where cpu_us
# is the CPU time the servers in $measured (PIDs) spent per request and load the 1-minute load average after the run:
# other work on the machine shows there first, and CPU per request moves less with it than req/s does.
declare -A results
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
  printf "%.2f", (u == "us" ? n / 1000 : u == "s" ? n * 1000 : u == "m" ? n * 60000 : n) }'; }
load() { # name, url, targets, body file, content type
  local name="$1" url="$2" out="$work/wrk-$1.txt"
  export BENCH_TARGETS="$3" BENCH_BODY_FILE="$4" BENCH_CONTENT_TYPE="$5"
  "${client[@]}" wrk -t1 -c"$connections" -d"${warmup}s" -s "$HERE/requests.lua" "$url" >/dev/null
  local before after
  before="$(cpu_ticks $measured)"
  "${client[@]}" wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$HERE/requests.lua" "$url" > "$out"
  after="$(cpu_ticks $measured)"
  local rps p50 p99 bad cpu load
  rps="$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$out")"
  p50="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")"
  p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")"
  bad="$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { for (i = 4; i <= NF; i += 2) n += $i + 0 } END { print n + 0 }' "$out")"
  cpu="$(awk -v t=$(( after - before )) -v n="$(awk '/requests in/ { print $1 }' "$out")" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.0f", (n > 0 ? t / hz / n * 1e6 : 0) }')"
  load="$(cut -d' ' -f1 /proc/loadavg)"
  results[$name]="$rps $p50 $p99 $bad $cpu $load"
  printf '   %-14s %8s req/s   p50 %7s ms   p99 %7s ms   CPU %4s us/req   errors/non-2xx %s   load %s\n' \
    "$name" "$rps" "$p50" "$p99" "$cpu" "$bad" "$load"
}

