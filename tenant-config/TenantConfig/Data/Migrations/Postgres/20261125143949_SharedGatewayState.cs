using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sintestesia.TenantConfig.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SharedGatewayState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "acme_accounts",
                columns: table => new
                {
                    directory_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    key_pem_enc = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acme_accounts", x => x.directory_url);
                });

            migrationBuilder.CreateTable(
                name: "acme_challenges",
                columns: table => new
                {
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    key_authorization = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acme_challenges", x => new { x.kind, x.name });
                });

            migrationBuilder.CreateTable(
                name: "rate_limit_usage",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    window_minute = table.Column<long>(type: "bigint", nullable: false),
                    gateway_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rate_limit_usage", x => new { x.tenant_id, x.window_minute, x.gateway_id });
                });

            migrationBuilder.CreateTable(
                name: "tenant_directory_changes",
                columns: table => new
                {
                    version = table.Column<long>(type: "bigint", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tenant_directory_changes", x => new { x.version, x.tenant_id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_rate_limit_usage_window_minute",
                table: "rate_limit_usage",
                column: "window_minute");

            // Hand-written: record which shop each directory version touched.
            DirectoryChangeTriggers.CreateOnPostgres(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            DirectoryChangeTriggers.DropOnPostgres(migrationBuilder);

            migrationBuilder.DropTable(
                name: "acme_accounts");

            migrationBuilder.DropTable(
                name: "acme_challenges");

            migrationBuilder.DropTable(
                name: "rate_limit_usage");

            migrationBuilder.DropTable(
                name: "tenant_directory_changes");
        }
    }
}
