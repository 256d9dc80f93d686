using Microsoft.EntityFrameworkCore.Migrations;

namespace Sintestesia.TenantConfig.Data;

/// <summary>
/// The <c>tenant_clients</c> triggers that, besides bumping the directory version, record which shop each version
/// touched in <c>tenant_directory_changes</c> (keeping the last <see cref="KeptVersions"/>). Changes to other routing
/// tables bump the version without a record, which tells a gateway to read everything.
/// </summary>
internal static class DirectoryChangeTriggers
{
    public const int KeptVersions = 10_000;

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
        // The version row's lock is held until commit, so versions commit in order: a gateway that has read version N
        // has seen every record up to N.
        migrationBuilder.Sql($"""
            CREATE FUNCTION record_tenant_directory_change() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE bumped bigint;
            BEGIN
                UPDATE tenant_directory_version SET version = version + 1 WHERE id = 1 RETURNING version INTO bumped;
                IF TG_OP <> 'DELETE' THEN
                    INSERT INTO tenant_directory_changes (version, tenant_id) VALUES (bumped, NEW.id) ON CONFLICT DO NOTHING;
                END IF;
                IF TG_OP <> 'INSERT' THEN
                    INSERT INTO tenant_directory_changes (version, tenant_id) VALUES (bumped, OLD.id) ON CONFLICT DO NOTHING;
                END IF;
                DELETE FROM tenant_directory_changes WHERE version <= bumped - {KeptVersions};
                PERFORM pg_notify('{PostgresTriggers.DirectoryChannel}', bumped::text);
                RETURN NULL;
            END $$;
            """);
        PostgresTriggers.DropTrigger(migrationBuilder, "tenant_clients", "tenant_clients_bumps_directory");
        migrationBuilder.Sql("CREATE TRIGGER tenant_clients_bumps_directory AFTER INSERT OR UPDATE OR DELETE ON tenant_clients " +
            "FOR EACH ROW EXECUTE FUNCTION record_tenant_directory_change();");
    }

    public static void DropOnPostgres(MigrationBuilder migrationBuilder)
    {
        PostgresTriggers.DropTrigger(migrationBuilder, "tenant_clients", "tenant_clients_bumps_directory");
        PostgresTriggers.BumpDirectoryOn(migrationBuilder, "tenant_clients");
        migrationBuilder.Sql("DROP FUNCTION IF EXISTS record_tenant_directory_change();");
    }
}
