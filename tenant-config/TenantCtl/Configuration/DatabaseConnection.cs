using System.CommandLine;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.TenantCtl.Configuration;

/// <summary>Which database tenantctl works on: <c>--db</c>, else the same settings the gateway reads.</summary>
internal static class DatabaseConnection
{
    public static readonly Option<string?> Option = new("--db")
    {
        Description = "Connection string of the tenant database (default: env ConnectionStrings__Tenants, else "
            + DatabaseOptions.DefaultSqliteConnection + "); env Database__Provider=postgres for PostgreSQL.",
        HelpName = "connection-string",
        Recursive = true,
    };

    public static TenantDbContext CreateContext(ParseResult parseResult)
    {
        var connectionString = parseResult.GetValue(Option)
            ?? Environment.GetEnvironmentVariable("ConnectionStrings__Tenants")
            ?? DatabaseOptions.DefaultSqliteConnection;
        var provider = Environment.GetEnvironmentVariable("Database__Provider") ?? DatabaseOptions.Sqlite;
        try
        {
            return DatabaseRegistration.CreateContext(provider, connectionString);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new UsageException($"The database settings are not usable: {e.Message}");
        }
    }
}
