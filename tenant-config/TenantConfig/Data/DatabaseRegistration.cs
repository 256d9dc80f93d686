using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sintestesia.TenantConfig.Data;

public static class DatabaseRegistration
{
    /// <summary>
    /// Registers <see cref="TenantDbContext"/> (pooled factory and scoped context) from
    /// <c>Database:Provider</c> and <c>ConnectionStrings:Tenants</c>.
    /// </summary>
    public static IServiceCollection AddTenantDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        var provider = configuration[$"{DatabaseOptions.Section}:Provider"] ?? DatabaseOptions.Sqlite;
        var connectionString = configuration.GetConnectionString("Tenants");
        services.AddPooledDbContextFactory<TenantDbContext>(o => Configure(o, provider, connectionString));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<TenantDbContext>>().CreateDbContext());
        return services;
    }

    /// <summary>Options for a context outside dependency injection (CLI, tests).</summary>
    public static DbContextOptions<TenantDbContext> CreateOptions(string provider, string? connectionString)
    {
        var builder = new DbContextOptionsBuilder<TenantDbContext>();
        Configure(builder, provider, connectionString);
        return builder.Options;
    }

    private static void Configure(DbContextOptionsBuilder options, string provider, string? connectionString)
    {
        if (!string.Equals(provider, DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Database:Provider '{provider}' is not available in this build; use '{DatabaseOptions.Sqlite}'.");
        }

        options.UseSqlite(PrepareSqlite(connectionString ?? DatabaseOptions.DefaultSqliteConnection))
            .AddInterceptors(new SqliteBusyTimeout(milliseconds: 30_000));
    }

    /// <summary>Creates the database file's folder so a fresh checkout runs without set-up.</summary>
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
        }

        // Gateway, bot hosts and tenantctl share one file: wait for a writer rather than fail with SQLITE_BUSY.
        if (!connectionString.Contains("timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }
}
