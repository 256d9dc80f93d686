using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sintestesia.TenantConfig.Data.Migrations
{
    /// <inheritdoc />
    public partial class BotPools : Migration
    {
        private static readonly string[] PoolTables = ["bot_pools", "bot_pool_destinations"];
        private static readonly string[] Events = ["INSERT", "UPDATE", "DELETE"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "bot_pool_id",
                table: "tenant_clients",
                type: "TEXT",
                maxLength: 63,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "bot_pools",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bot_pools", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bot_pool_destinations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    pool_id = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bot_pool_destinations", x => x.id);
                    table.ForeignKey(
                        name: "FK_bot_pool_destinations_bot_pools_pool_id",
                        column: x => x.pool_id,
                        principalTable: "bot_pools",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_bot_pool_destinations_pool_id_address",
                table: "bot_pool_destinations",
                columns: new[] { "pool_id", "address" },
                unique: true);

            // A pool change reaches every gateway like a tenant change does: through the directory version.
            foreach (var table in PoolTables)
            {
                foreach (var ev in Events)
                {
                    migrationBuilder.Sql(
                        $"CREATE TRIGGER {table}_{ev.ToLowerInvariant()}_bumps_directory AFTER {ev} ON {table} " +
                        "BEGIN UPDATE tenant_directory_version SET version = version + 1 WHERE id = 1; END;");
                }
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in PoolTables)
            {
                foreach (var ev in Events)
                {
                    migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_{ev.ToLowerInvariant()}_bumps_directory;");
                }
            }

            migrationBuilder.DropTable(
                name: "bot_pool_destinations");

            migrationBuilder.DropTable(
                name: "bot_pools");

            migrationBuilder.DropColumn(
                name: "bot_pool_id",
                table: "tenant_clients");
        }
    }
}
