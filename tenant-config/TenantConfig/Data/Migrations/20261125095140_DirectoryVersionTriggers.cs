using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sintestesia.TenantConfig.Data.Migrations
{
    /// <summary>
    /// Triggers that bump <c>tenant_directory_version</c> on any change to tenants or Twilio numbers, including
    /// plain SQL from outside the platform, so gateways notice by polling a single row.
    /// </summary>
    public partial class DirectoryVersionTriggers : Migration
    {
        private static readonly string[] Tables = ["tenant_clients", "twilio_accounts"];
        private static readonly string[] Events = ["INSERT", "UPDATE", "DELETE"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
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
            foreach (var table in Tables)
            {
                foreach (var ev in Events)
                {
                    migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_{ev.ToLowerInvariant()}_bumps_directory;");
                }
            }
        }
    }
}
