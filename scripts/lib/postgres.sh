# Throw-away PostgreSQL on loopback, for scripts that need one (tests, benchmarks). Source this file, then:
#   postgres_start   # sets PG_CONNECTION="Host=127.0.0.1;Port=…;Username=postgres", or leaves it empty and says why
#   postgres_psql -d DB -c SQL   # psql against it, stopping at the first error
#   postgres_stop    # stops the server and deletes its folder (safe to call when none was started)
# Trust authentication and no durability: for tests and measurements only, never for data.

pg_dir=""
pg_as=()
pg_bin=""
PG_CONNECTION=""
PG_PORT=""

postgres_start() {
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$pg_bin" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing postgresql"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >/dev/null 2>&1 \
      || echo "postgresql could not be installed" >&2
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  fi
  if [ ! -x "$pg_bin/initdb" ]; then
    echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
    return 1
  fi
  pg_dir="$(mktemp -d /tmp/sintestesia-pg.XXXXXX)"
  # PostgreSQL refuses to run as root.
  if [ "$(id -u)" = 0 ]; then chown postgres "$pg_dir"; pg_as=(runuser -u postgres --); fi
  if "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$pg_dir/initdb.log" 2>&1; then
    for _ in 1 2 3 4 5; do
      local port=$(( 20000 + RANDOM % 30000 ))
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
      if "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 start \
        -o "-h 127.0.0.1 -p $port -k $pg_dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null 2>&1; then
        PG_CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres"
        PG_PORT="$port"
        echo "== postgresql on 127.0.0.1:$port"
        return 0
      fi
    done
  fi
  echo "PostgreSQL did not start:" >&2
  tail -n 5 "$pg_dir/initdb.log" "$pg_dir/server.log" >&2 2>/dev/null
  return 1
}

postgres_stop() {
  if [ -n "$pg_dir" ]; then
    "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$pg_dir"
    pg_dir=""
  fi
}

postgres_psql() {
  "$pg_bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q "$@"
}
