using Microsoft.EntityFrameworkCore.Design;

namespace Sintestesia.TenantConfig.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a host.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<TenantDbContext>
{
    public TenantDbContext CreateDbContext(string[] args) =>
        new(DatabaseRegistration.CreateOptions(DatabaseOptions.Sqlite, "Data Source=design-time.db"));
}
