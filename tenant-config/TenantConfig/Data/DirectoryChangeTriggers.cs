using Microsoft.EntityFrameworkCore.Migrations;

namespace Sintestesia.TenantConfig.Data;

/// <summary>
/// The <c>tenant_clients</c> triggers that, besides bumping the directory version, record which shops each version
/// touched in <c>tenant_directory_changes</c> (keeping the last <see cref="KeptVersions"/>). Changes to other routing
/// tables bump the version without a record, which tells a gateway to read everything. On SQLite a version is one
/// row; on PostgreSQL it is one statement.
/// </summary>
internal static class DirectoryChangeTriggers
{
    public const int KeptVersions = 10_000;

    // Statements that touch no row (a shop's deletion cascading into tables where it had nothing) change nothing;
    // the others bump the version once, into the function's "bumped".
    private const string BumpUnlessNoRowTouched = """
        IF TG_OP = 'INSERT' THEN
            IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
        ELSIF NOT EXISTS (SELECT 1 FROM old_rows) THEN
            RETURN NULL;
        END IF;
        UPDATE tenant_directory_version SET version = version + 1 WHERE id = 1 RETURNING version INTO bumped;
        """;

    private static readonly string[] OtherDirectoryTables = ["twilio_accounts", "meta_accounts", "bot_pools", "bot_pool_destinations"];

    // PostgreSQL allows transition tables only on single-event triggers.
    private static readonly (string Event, string Transitions)[] StatementEvents =
    [
        ("INSERT", "NEW TABLE AS new_rows"),
        ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        ("DELETE", "OLD TABLE AS old_rows"),
    ];

    private static readonly (string Event, string[] Rows)[] SqliteEvents =
        [("INSERT", ["NEW"]), ("UPDATE", ["NEW", "OLD"]), ("DELETE", ["OLD"])];

    public static void CreateOnSqlite(MigrationBuilder migrationBuilder)
    {
        foreach (var (ev, rows) in SqliteEvents)
        {
            var name = $"tenant_clients_{ev.ToLowerInvariant()}_bumps_directory";
            var records = string.Concat(rows.Select(row =>
                "INSERT OR IGNORE INTO tenant_directory_changes (version, tenant_id) " +
                $"SELECT version, {row}.id FROM tenant_directory_version WHERE id = 1 AND {row}.id IS NOT NULL; "));
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {name};");
            migrationBuilder.Sql(
                $"CREATE TRIGGER {name} AFTER {ev} ON tenant_clients BEGIN " +
                "UPDATE tenant_directory_version SET version = version + 1 WHERE id = 1; " +
                records +
                "DELETE FROM tenant_directory_changes WHERE version <= " +
                $"(SELECT version FROM tenant_directory_version WHERE id = 1) - {KeptVersions}; END;");
        }
    }

    public static void DropOnSqlite(MigrationBuilder migrationBuilder)
    {
        foreach (var (ev, _) in SqliteEvents)
        {
            var name = $"tenant_clients_{ev.ToLowerInvariant()}_bumps_directory";
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {name};");
            migrationBuilder.Sql(
                $"CREATE TRIGGER {name} AFTER {ev} ON tenant_clients " +
                "BEGIN UPDATE tenant_directory_version SET version = version + 1 WHERE id = 1; END;");
        }
    }

    public static void CreateOnPostgres(MigrationBuilder migrationBuilder)
    {
        // Statement-level triggers: a bulk statement bumps a version row once instead of once per row (updating one
        // row many times in a transaction costs PostgreSQL time that grows with the square of the count). The
        // version row's lock is held until commit, so versions commit in order: a gateway that has read version N
        // has seen every record up to N.
        migrationBuilder.Sql($"""
            CREATE FUNCTION record_tenant_directory_changes() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE bumped bigint;
            BEGIN
                {BumpUnlessNoRowTouched}
                IF TG_OP <> 'DELETE' THEN
                    INSERT INTO tenant_directory_changes (version, tenant_id)
                    SELECT DISTINCT bumped, id FROM new_rows WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
                END IF;
                IF TG_OP <> 'INSERT' THEN
                    INSERT INTO tenant_directory_changes (version, tenant_id)
                    SELECT DISTINCT bumped, id FROM old_rows WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
                END IF;
                DELETE FROM tenant_directory_changes WHERE version <= bumped - {KeptVersions};
                PERFORM pg_notify('{PostgresTriggers.DirectoryChannel}', bumped::text);
                RETURN NULL;
            END $$;
            """);
        migrationBuilder.Sql("""
            CREATE FUNCTION bump_catalog_versions() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO catalog_versions (tenant_id, version)
                    SELECT DISTINCT client_id, 1 FROM new_rows WHERE client_id IS NOT NULL
                    ON CONFLICT (tenant_id) DO UPDATE SET version = catalog_versions.version + 1;
                ELSIF TG_OP = 'DELETE' THEN
                    INSERT INTO catalog_versions (tenant_id, version)
                    SELECT DISTINCT client_id, 1 FROM old_rows WHERE client_id IS NOT NULL
                    ON CONFLICT (tenant_id) DO UPDATE SET version = catalog_versions.version + 1;
                ELSE
                    INSERT INTO catalog_versions (tenant_id, version)
                    SELECT client_id, 1 FROM (SELECT client_id FROM new_rows UNION SELECT client_id FROM old_rows) AS touched
                    WHERE client_id IS NOT NULL
                    ON CONFLICT (tenant_id) DO UPDATE SET version = catalog_versions.version + 1;
                END IF;
                RETURN NULL;
            END $$;
            """);

        PostgresTriggers.DropTrigger(migrationBuilder, "tenant_clients", "tenant_clients_bumps_directory");
        PostgresTriggers.DropTrigger(migrationBuilder, "products", "products_bumps_catalog");
        foreach (var (ev, transitions) in StatementEvents)
        {
            migrationBuilder.Sql($"CREATE TRIGGER tenant_clients_{ev.ToLowerInvariant()}_bumps_directory AFTER {ev} ON tenant_clients " +
                $"REFERENCING {transitions} FOR EACH STATEMENT EXECUTE FUNCTION record_tenant_directory_changes();");
            migrationBuilder.Sql($"CREATE TRIGGER products_{ev.ToLowerInvariant()}_bumps_catalog AFTER {ev} ON products " +
                $"REFERENCING {transitions} FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_versions();");
        }

        migrationBuilder.Sql($"""
            CREATE FUNCTION bump_tenant_directory_version_if_rows() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE bumped bigint;
            BEGIN
                {BumpUnlessNoRowTouched}
                PERFORM pg_notify('{PostgresTriggers.DirectoryChannel}', bumped::text);
                RETURN NULL;
            END $$;
            """);
        foreach (var table in OtherDirectoryTables)
        {
            PostgresTriggers.DropTrigger(migrationBuilder, table, $"{table}_bumps_directory");
            foreach (var (ev, transitions) in StatementEvents)
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_{ev.ToLowerInvariant()}_bumps_directory AFTER {ev} ON {table} " +
                    $"REFERENCING {transitions} FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_directory_version_if_rows();");
            }
        }
    }

    public static void DropOnPostgres(MigrationBuilder migrationBuilder)
    {
        foreach (var (ev, _) in StatementEvents)
        {
            PostgresTriggers.DropTrigger(migrationBuilder, "tenant_clients", $"tenant_clients_{ev.ToLowerInvariant()}_bumps_directory");
            PostgresTriggers.DropTrigger(migrationBuilder, "products", $"products_{ev.ToLowerInvariant()}_bumps_catalog");
        }

        foreach (var table in OtherDirectoryTables)
        {
            foreach (var (ev, _) in StatementEvents)
            {
                PostgresTriggers.DropTrigger(migrationBuilder, table, $"{table}_{ev.ToLowerInvariant()}_bumps_directory");
            }

            PostgresTriggers.BumpDirectoryOn(migrationBuilder, table);
        }

        PostgresTriggers.BumpDirectoryOn(migrationBuilder, "tenant_clients");
        PostgresTriggers.BumpCatalogOnProducts(migrationBuilder);
        migrationBuilder.Sql("DROP FUNCTION IF EXISTS record_tenant_directory_changes();");
        migrationBuilder.Sql("DROP FUNCTION IF EXISTS bump_catalog_versions();");
        migrationBuilder.Sql("DROP FUNCTION IF EXISTS bump_tenant_directory_version_if_rows();");
    }
}
