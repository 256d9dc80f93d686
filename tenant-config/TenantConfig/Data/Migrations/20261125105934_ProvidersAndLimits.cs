using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sintestesia.TenantConfig.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProvidersAndLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "messaging_service_sid",
                table: "twilio_accounts",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rate_limit_per_minute",
                table: "tenant_clients",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "error",
                table: "messages",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "idempotency_key",
                table: "messages",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "media",
                table: "messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "meta_accounts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    phone_number_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    display_phone_number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    verify_token_enc = table.Column<string>(type: "TEXT", nullable: false),
                    app_secret_enc = table.Column<string>(type: "TEXT", nullable: false),
                    access_token_enc = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: "active")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meta_accounts", x => x.id);
                    table.ForeignKey(
                        name: "FK_meta_accounts_tenant_clients_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenant_clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_twilio_accounts_messaging_service_sid",
                table: "twilio_accounts",
                column: "messaging_service_sid");

            migrationBuilder.CreateIndex(
                name: "IX_messages_tenant_id_idempotency_key",
                table: "messages",
                columns: new[] { "tenant_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meta_accounts_phone_number_id",
                table: "meta_accounts",
                column: "phone_number_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meta_accounts_tenant_id",
                table: "meta_accounts",
                column: "tenant_id");

            // Gateways route Meta's shared webhook by phone_number_id: changes must reach their snapshot too.
            foreach (var ev in new[] { "INSERT", "UPDATE", "DELETE" })
            {
                migrationBuilder.Sql(
                    $"CREATE TRIGGER meta_accounts_{ev.ToLowerInvariant()}_bumps_directory AFTER {ev} ON meta_accounts " +
                    "BEGIN UPDATE tenant_directory_version SET version = version + 1 WHERE id = 1; END;");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var ev in new[] { "INSERT", "UPDATE", "DELETE" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS meta_accounts_{ev.ToLowerInvariant()}_bumps_directory;");
            }

            migrationBuilder.DropTable(
                name: "meta_accounts");

            migrationBuilder.DropIndex(
                name: "IX_twilio_accounts_messaging_service_sid",
                table: "twilio_accounts");

            migrationBuilder.DropIndex(
                name: "IX_messages_tenant_id_idempotency_key",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "messaging_service_sid",
                table: "twilio_accounts");

            migrationBuilder.DropColumn(
                name: "rate_limit_per_minute",
                table: "tenant_clients");

            migrationBuilder.DropColumn(
                name: "error",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "idempotency_key",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "media",
                table: "messages");
        }
    }
}
