#!/usr/bin/env bash
# Answers per second of one real bot host with 10 vs 10,000 products in a tenant (issue 3's catalog-size goal):
#   scripts/bench-catalog.sh [--seconds N] [--concurrency C] [--rounds R] [--warmup S]
# Builds Release, seeds a temp SQLite file, starts the bot host on a free loopback port and plays shoppers against
# both shops in turns (defaults: 1 client, 3 rounds of 8 s each, 5 s warm-up; about 1.5 minutes on 2 cores; see
# bot-host/BotHost.Bench/BenchOptions.cs for why one client). The last line is the ratio, e.g.
#   catalog-size ratio (10,000 vs 10 products): 0.87 (goal ≥ 0.8)
# Exits 1 only if a request failed (the failures are printed), 2 on bad options.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

project=bot-host/BotHost.Bench/BotHost.Bench.csproj
echo "== build (Release)"
dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
exec dotnet "bot-host/BotHost.Bench/bin/Release/net10.0/Sintestesia.BotHost.Bench.dll" "$@"
