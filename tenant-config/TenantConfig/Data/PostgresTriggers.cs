using Microsoft.EntityFrameworkCore.Migrations;

namespace Sintestesia.TenantConfig.Data;

/// <summary>
/// The SQLite triggers' PostgreSQL twins (plpgsql functions, row-level AFTER triggers, so plain SQL counts too):
/// a change to a routing table bumps <c>tenant_directory_version</c> row 1 and announces the new version on channel
/// <c>tenant_directory</c>; a product change bumps its tenant's <c>catalog_versions</c> row. Migrations that add a
/// routing table call <see cref="BumpDirectoryOn"/>.
/// </summary>
internal static class PostgresTriggers
{
    public const string DirectoryChannel = "tenant_directory";

    public static void CreateFunctions(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            CREATE FUNCTION bump_tenant_directory_version() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE bumped bigint;
            BEGIN
                UPDATE tenant_directory_version SET version = version + 1 WHERE id = 1 RETURNING version INTO bumped;
                PERFORM pg_notify('{DirectoryChannel}', bumped::text);
                RETURN NULL;
            END $$;
            """);

        // As on SQLite, an update bumps the new row's tenant, then the old row's (twice when they are the same).
        // Unlike SQLite, a primary key cannot be NULL here, hence the guards.
        migrationBuilder.Sql("""
            CREATE FUNCTION bump_catalog_version() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'DELETE' AND NEW.client_id IS NOT NULL THEN
                    INSERT INTO catalog_versions (tenant_id, version) VALUES (NEW.client_id, 1)
                    ON CONFLICT (tenant_id) DO UPDATE SET version = catalog_versions.version + 1;
                END IF;
                IF TG_OP <> 'INSERT' AND OLD.client_id IS NOT NULL THEN
                    INSERT INTO catalog_versions (tenant_id, version) VALUES (OLD.client_id, 1)
                    ON CONFLICT (tenant_id) DO UPDATE SET version = catalog_versions.version + 1;
                END IF;
                RETURN NULL;
            END $$;
            """);
    }

    public static void DropFunctions(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP FUNCTION IF EXISTS bump_catalog_version();");
        migrationBuilder.Sql("DROP FUNCTION IF EXISTS bump_tenant_directory_version();");
    }

    public static void BumpDirectoryOn(MigrationBuilder migrationBuilder, string table) =>
        migrationBuilder.Sql($"CREATE TRIGGER {table}_bumps_directory AFTER INSERT OR UPDATE OR DELETE ON {table} " +
            "FOR EACH ROW EXECUTE FUNCTION bump_tenant_directory_version();");

    public static void BumpCatalogOnProducts(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("CREATE TRIGGER products_bumps_catalog AFTER INSERT OR UPDATE OR DELETE ON products " +
            "FOR EACH ROW EXECUTE FUNCTION bump_catalog_version();");

    public static void DropTrigger(MigrationBuilder migrationBuilder, string table, string name) =>
        migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {name} ON {table};");
}
