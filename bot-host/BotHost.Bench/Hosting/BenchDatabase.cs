using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Secrets;

namespace Sintestesia.BotHost.Bench.Hosting;

/// <summary>A temp SQLite file with the schema and the benchmark's shops, created the way ops create them.</summary>
internal sealed class BenchDatabase : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bothost-bench-{Guid.NewGuid():N}.db");
    private readonly SecretProtector _protector;

    public BenchDatabase(string secretKey) => _protector = new SecretProtector(new SecretOptions { Key = secretKey });

    public string ConnectionString => $"Data Source={_file}";

    /// <summary>Migrates, then creates each tenant with its catalog; returns how long each catalog took to store.</summary>
    public async Task<IReadOnlyDictionary<string, TimeSpan>> SeedAsync(IEnumerable<BenchTenant> tenants, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        await using (var db = CreateContext())
        {
            await DatabaseMigrator.MigrateAsync(db, ct);
        }

        var seeded = new Dictionary<string, TimeSpan>();
        foreach (var tenant in tenants)
        {
            // A fresh context per shop, as each admin request has: 10,000 tracked rows must not slow the next one.
            await using var db = CreateContext();
            var admin = new TenantAdministration(db, _protector, TimeProvider.System);
            Check((await admin.CreateAsync(tenant.Name, tenant.Id, tenant.Id, ct)).Error);
            var started = Stopwatch.GetTimestamp();
            Check((await admin.ReplaceProductsAsync(tenant.Id, [.. tenant.Products.Select(p => p.Input)], ct)).Error);
            seeded[tenant.Id] = Stopwatch.GetElapsedTime(started);
        }

        return seeded;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }

    private TenantDbContext CreateContext() => DatabaseRegistration.CreateContext(DatabaseOptions.Sqlite, ConnectionString);

    private static void Check(AdminError? error)
    {
        if (error is not null)
        {
            throw new InvalidOperationException($"Seeding the benchmark shops failed: {error.Message}");
        }
    }
}
