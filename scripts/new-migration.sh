#!/usr/bin/env bash
# Adds one EF Core migration for both providers, from the same model:
#   SQLite      tenant-config/TenantConfig/Data/Migrations/           (TenantDbContext)
#   PostgreSQL  tenant-config/TenantConfig/Data/Migrations/Postgres/  (PostgresTenantDbContext)
# Usage: scripts/new-migration.sh AddSomething
# Raw SQL is per provider: a new table that routing reads needs a directory trigger in BOTH migrations (SQLite: one
# CREATE TRIGGER per event as in BotPools; PostgreSQL: PostgresTriggers.BumpDirectoryOn(migrationBuilder, "table")).
set -euo pipefail
name="${1:?usage: scripts/new-migration.sh MigrationName}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
project=tenant-config/TenantConfig

dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project "$project" --context TenantDbContext --output-dir Data/Migrations
dotnet ef migrations add "$name" --project "$project" --context PostgresTenantDbContext --output-dir Data/Migrations/Postgres --no-build
for context in TenantDbContext PostgresTenantDbContext; do
  dotnet ef migrations has-pending-model-changes --project "$project" --context "$context" --no-build >/dev/null
done
echo "Added $name for SQLite and PostgreSQL; add any raw SQL (triggers) to both, then run scripts/test.sh."
