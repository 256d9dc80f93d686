using System.ComponentModel.DataAnnotations;

namespace Sintestesia.TenantConfig.Data;

/// <summary>Section <c>Database</c>; the connection string is <c>ConnectionStrings:Tenants</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string DefaultSqliteConnection = "Data Source=data/sintestesia.db";

    [RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Database:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = Sqlite;
}
