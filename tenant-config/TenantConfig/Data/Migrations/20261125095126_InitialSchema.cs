using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sintestesia.TenantConfig.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tenant_clients",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP"),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: "active")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tenant_clients", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tenant_directory_version",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tenant_directory_version", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    direction = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    provider_message_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    in_reply_to_id = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messages", x => x.id);
                    table.ForeignKey(
                        name: "FK_messages_tenant_clients_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenant_clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "products",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    price = table.Column<decimal>(type: "NUMERIC", nullable: false),
                    stock = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: "Active"),
                    category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_products", x => x.id);
                    table.ForeignKey(
                        name: "FK_products_tenant_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "tenant_clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "twilio_accounts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    account_sid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    auth_token_enc = table.Column<string>(type: "TEXT", nullable: false),
                    from_number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: "active")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_twilio_accounts", x => x.id);
                    table.ForeignKey(
                        name: "FK_twilio_accounts_tenant_clients_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenant_clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "tenant_directory_version",
                columns: new[] { "id", "version" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_messages_tenant_id_direction_provider_message_id",
                table: "messages",
                columns: new[] { "tenant_id", "direction", "provider_message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_messages_tenant_id_id",
                table: "messages",
                columns: new[] { "tenant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_products_client_id",
                table: "products",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "IX_tenant_clients_slug",
                table: "tenant_clients",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_twilio_accounts_from_number",
                table: "twilio_accounts",
                column: "from_number");

            migrationBuilder.CreateIndex(
                name: "IX_twilio_accounts_tenant_id",
                table: "twilio_accounts",
                column: "tenant_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "messages");

            migrationBuilder.DropTable(
                name: "products");

            migrationBuilder.DropTable(
                name: "tenant_directory_version");

            migrationBuilder.DropTable(
                name: "twilio_accounts");

            migrationBuilder.DropTable(
                name: "tenant_clients");
        }
    }
}
