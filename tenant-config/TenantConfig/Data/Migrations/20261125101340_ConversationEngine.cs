using System;
using System.Linq;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sintestesia.TenantConfig.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConversationEngine : Migration
    {
        private static readonly (string Event, string[] Rows)[] CatalogEvents =
        [
            ("INSERT", ["NEW"]),
            ("UPDATE", ["NEW", "OLD"]),
            ("DELETE", ["OLD"]),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "business_hours",
                table: "tenant_clients",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "currency",
                table: "tenant_clients",
                type: "TEXT",
                maxLength: 3,
                nullable: false,
                defaultValue: "CLP");

            migrationBuilder.AddColumn<bool>(
                name: "llm_enabled",
                table: "tenant_clients",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "llm_persona",
                table: "tenant_clients",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "time_zone",
                table: "tenant_clients",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "messages",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "catalog_versions",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_versions", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "conversations",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    state = table.Column<string>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    handoff = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: false),
                    opted_out = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversations", x => new { x.tenant_id, x.phone });
                    table.ForeignKey(
                        name: "FK_conversations_tenant_clients_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenant_clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_messages_in_reply_to_id",
                table: "messages",
                column: "in_reply_to_id");

            // Bump the tenant's catalog version on any product change, plain SQL included.
            foreach (var (ev, tenants) in CatalogEvents)
            {
                var bumps = string.Concat(tenants.Select(t =>
                    $"INSERT INTO catalog_versions (tenant_id, version) VALUES ({t}.client_id, 1) " +
                    "ON CONFLICT(tenant_id) DO UPDATE SET version = version + 1; "));
                migrationBuilder.Sql($"CREATE TRIGGER products_{ev.ToLowerInvariant()}_bumps_catalog AFTER {ev} ON products BEGIN {bumps}END;");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (ev, _) in CatalogEvents)
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS products_{ev.ToLowerInvariant()}_bumps_catalog;");
            }

            migrationBuilder.DropTable(
                name: "catalog_versions");

            migrationBuilder.DropTable(
                name: "conversations");

            migrationBuilder.DropIndex(
                name: "IX_messages_in_reply_to_id",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "business_hours",
                table: "tenant_clients");

            migrationBuilder.DropColumn(
                name: "currency",
                table: "tenant_clients");

            migrationBuilder.DropColumn(
                name: "llm_enabled",
                table: "tenant_clients");

            migrationBuilder.DropColumn(
                name: "llm_persona",
                table: "tenant_clients");

            migrationBuilder.DropColumn(
                name: "time_zone",
                table: "tenant_clients");

            migrationBuilder.DropColumn(
                name: "status",
                table: "messages");
        }
    }
}
