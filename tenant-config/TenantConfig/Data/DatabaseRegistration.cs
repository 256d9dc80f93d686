using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sintestesia.TenantConfig.Data;

public static class DatabaseRegistration
{
    /// <summary>
    /// Registers <see cref="TenantDbContext"/> (pooled factory and scoped context) from
    /// <c>Database:Provider</c> and <c>ConnectionStrings:Tenants</c>. On PostgreSQL the contexts handed out are
    /// <see cref="PostgresTenantDbContext"/>, so migrations are the PostgreSQL ones; callers see <see cref="TenantDbContext"/>.
    /// </summary>
    public static IServiceCollection AddTenantDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        var provider = configuration[$"{DatabaseOptions.Section}:Provider"] ?? DatabaseOptions.Sqlite;
        var connectionString = configuration.GetConnectionString("Tenants");
        if (IsPostgres(provider))
        {
            services.AddPooledDbContextFactory<PostgresTenantDbContext>(o => ConfigurePostgres(o, connectionString));
            services.AddSingleton<IDbContextFactory<TenantDbContext>>(sp =>
                new UpcastFactory<PostgresTenantDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresTenantDbContext>>()));
        }
        else
        {
            services.AddPooledDbContextFactory<TenantDbContext>(o => ConfigureSqlite(o, connectionString));
        }

        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<TenantDbContext>>().CreateDbContext());
        return services;
    }

    /// <summary>A context outside dependency injection (CLI, tests), of the provider's type.</summary>
    public static TenantDbContext CreateContext(string provider, string? connectionString)
    {
        if (IsPostgres(provider))
        {
            var postgres = new DbContextOptionsBuilder<PostgresTenantDbContext>();
            ConfigurePostgres(postgres, connectionString);
            return new PostgresTenantDbContext(postgres.Options);
        }

        var sqlite = new DbContextOptionsBuilder<TenantDbContext>();
        ConfigureSqlite(sqlite, connectionString);
        return new TenantDbContext(sqlite.Options);
    }

    /// <summary>A pooled context factory outside dependency injection (tests, benchmarks).</summary>
    public static IDbContextFactory<TenantDbContext> CreateContextFactory(string provider, string? connectionString)
    {
        if (IsPostgres(provider))
        {
            var postgres = new DbContextOptionsBuilder<PostgresTenantDbContext>();
            ConfigurePostgres(postgres, connectionString);
            return new UpcastFactory<PostgresTenantDbContext>(new PooledDbContextFactory<PostgresTenantDbContext>(postgres.Options));
        }

        var sqlite = new DbContextOptionsBuilder<TenantDbContext>();
        ConfigureSqlite(sqlite, connectionString);
        return new PooledDbContextFactory<TenantDbContext>(sqlite.Options);
    }

    private static bool IsPostgres(string provider)
    {
        if (string.Equals(provider, DatabaseOptions.Postgres, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(provider, DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        throw new InvalidOperationException(
            $"Database:Provider '{provider}' is not known; use '{DatabaseOptions.Sqlite}' or '{DatabaseOptions.Postgres}'.");
    }

    private static void ConfigurePostgres(DbContextOptionsBuilder options, string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "Database:Provider 'postgres' needs ConnectionStrings:Tenants, e.g. 'Host=db;Database=sintestesia;Username=…;Password=…'.");
        }

        options.UseNpgsql(connectionString);
    }

    private static void ConfigureSqlite(DbContextOptionsBuilder options, string? connectionString) =>
        options.UseSqlite(PrepareSqlite(connectionString ?? DatabaseOptions.DefaultSqliteConnection))
            .AddInterceptors(new SqliteBusyTimeout(milliseconds: 30_000));

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

    /// <summary>Hands out a provider's context type as the <see cref="TenantDbContext"/> the rest of the code asks for.</summary>
    private sealed class UpcastFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<TenantDbContext>
        where TContext : TenantDbContext
    {
        public TenantDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
