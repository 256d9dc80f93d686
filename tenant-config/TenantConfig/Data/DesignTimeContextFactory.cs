using Microsoft.EntityFrameworkCore.Design;

namespace Sintestesia.TenantConfig.Data;

/// <summary>Lets <c>dotnet ef migrations add --context TenantDbContext</c> build the SQLite model without a host.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<TenantDbContext>
{
    public TenantDbContext CreateDbContext(string[] args) =>
        DatabaseRegistration.CreateContext(DatabaseOptions.Sqlite, "Data Source=design-time.db");
}

/// <summary>Lets <c>dotnet ef migrations add --context PostgresTenantDbContext</c> build the PostgreSQL model; it never connects.</summary>
internal sealed class PostgresDesignTimeContextFactory : IDesignTimeDbContextFactory<PostgresTenantDbContext>
{
    public PostgresTenantDbContext CreateDbContext(string[] args) =>
        (PostgresTenantDbContext)DatabaseRegistration.CreateContext(DatabaseOptions.Postgres, "Host=localhost;Database=design_time");
}
