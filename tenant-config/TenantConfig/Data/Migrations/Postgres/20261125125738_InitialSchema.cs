using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sintestesia.TenantConfig.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        private static readonly string[] DirectoryTables =
            ["tenant_clients", "twilio_accounts", "meta_accounts", "bot_pools", "bot_pool_destinations"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bot_pools",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bot_pools", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_versions",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_versions", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "certificates",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    chain_pem = table.Column<string>(type: "text", nullable: false),
                    key_pem_enc = table.Column<string>(type: "text", nullable: false),
                    not_after = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "tenant_clients",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    slug = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: "active"),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false, defaultValue: "CLP"),
                    business_hours = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    llm_enabled = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    llm_persona = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    rate_limit_per_minute = table.Column<int>(type: "integer", nullable: true),
                    bot_pool_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tenant_clients", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tenant_directory_version",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tenant_directory_version", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bot_pool_destinations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    pool_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
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

            migrationBuilder.CreateTable(
                name: "conversations",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    state = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    handoff = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    opted_out = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false)
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

            migrationBuilder.CreateTable(
                name: "messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    direction = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    provider_message_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    in_reply_to_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    media = table.Column<string>(type: "text", nullable: true),
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
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
                name: "meta_accounts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    phone_number_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    display_phone_number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    verify_token_enc = table.Column<string>(type: "text", nullable: false),
                    app_secret_enc = table.Column<string>(type: "text", nullable: false),
                    access_token_enc = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: "active")
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

            migrationBuilder.CreateTable(
                name: "products",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    price = table.Column<decimal>(type: "numeric(14,2)", nullable: false),
                    stock = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: "Active"),
                    category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    account_sid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    auth_token_enc = table.Column<string>(type: "text", nullable: false),
                    from_number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: "active"),
                    messaging_service_sid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
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
                name: "IX_bot_pool_destinations_pool_id_address",
                table: "bot_pool_destinations",
                columns: new[] { "pool_id", "address" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_messages_in_reply_to_id",
                table: "messages",
                column: "in_reply_to_id");

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
                name: "IX_twilio_accounts_messaging_service_sid",
                table: "twilio_accounts",
                column: "messaging_service_sid");

            migrationBuilder.CreateIndex(
                name: "IX_twilio_accounts_tenant_id",
                table: "twilio_accounts",
                column: "tenant_id");

            // Hand-written: the SQLite migrations' triggers (DirectoryVersionTriggers, ConversationEngine,
            // ProvidersAndLimits, BotPools) in one go, plus NOTIFY for gateways that listen.
            PostgresTriggers.CreateFunctions(migrationBuilder);
            foreach (var table in DirectoryTables)
            {
                PostgresTriggers.BumpDirectoryOn(migrationBuilder, table);
            }

            PostgresTriggers.BumpCatalogOnProducts(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            PostgresTriggers.DropTrigger(migrationBuilder, "products", "products_bumps_catalog");
            foreach (var table in DirectoryTables)
            {
                PostgresTriggers.DropTrigger(migrationBuilder, table, $"{table}_bumps_directory");
            }

            PostgresTriggers.DropFunctions(migrationBuilder);
            migrationBuilder.DropTable(
                name: "bot_pool_destinations");

            migrationBuilder.DropTable(
                name: "catalog_versions");

            migrationBuilder.DropTable(
                name: "certificates");

            migrationBuilder.DropTable(
                name: "conversations");

            migrationBuilder.DropTable(
                name: "messages");

            migrationBuilder.DropTable(
                name: "meta_accounts");

            migrationBuilder.DropTable(
                name: "products");

            migrationBuilder.DropTable(
                name: "tenant_directory_version");

            migrationBuilder.DropTable(
                name: "twilio_accounts");

            migrationBuilder.DropTable(
                name: "bot_pools");

            migrationBuilder.DropTable(
                name: "tenant_clients");
        }
    }
}
