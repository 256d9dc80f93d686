using System.Globalization;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.Lookup;

/// <summary>
/// A gateway following changes re-reads only the shops that changed; whatever path it takes, the result must equal
/// reading everything again.
/// </summary>
public abstract class TenantSnapshotChangesTests : IAsyncLifetime
{
    private readonly TestDatabase _database;
    private TenantSnapshotSource _source = null!;

    protected TenantSnapshotChangesTests(TestDatabase database) => _database = database;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _source = new TenantSnapshotSource(_database.CreateContextFactory());
        await _database.ExecuteAsync("INSERT INTO tenant_clients (id, name, slug) VALUES ('uno-2024','Uno','uno')");
        await _database.ExecuteAsync("INSERT INTO tenant_clients (id, name, slug) VALUES ('dos-2024','Dos','dos')");
        await _database.ExecuteAsync("INSERT INTO tenant_clients (id, name, slug) VALUES ('tres-2024','Tres','tres')");
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task ShopsInsertedUpdatedAndDeletedByPlainSqlAreAppliedOnTopOfTheSnapshotAndMatchAFullRead()
    {
        var before = await _source.LoadAsync(CancellationToken.None);

        await _database.ExecuteAsync("INSERT INTO tenant_clients (id, name, slug) VALUES ('cuatro-2024','Cuatro','cuatro')");
        await _database.ExecuteAsync("UPDATE tenant_clients SET status = 'inactive', rate_limit_per_minute = 30 WHERE id = 'dos-2024'");
        await _database.ExecuteAsync("DELETE FROM tenant_clients WHERE id = 'tres-2024'");
        var applied = await _source.LoadChangesAsync(before, CancellationToken.None);

        var full = await _source.LoadAsync(CancellationToken.None);
        Assert.Equal(full.Version, applied.Version);
        Assert.Equal(full.All, applied.All);
        Assert.Equal("cuatro-2024", TenantLookup.Resolve(applied, "cuatro").Tenant?.Id);
        Assert.Null(applied.FindById("dos-2024"));
        Assert.Null(applied.FindById("tres-2024"));
        // The untouched shop is the very record of the earlier snapshot: it was not read again.
        Assert.Same(before.FindById("uno-2024"), applied.FindById("uno-2024"));
    }

    [Fact]
    public async Task ASenderNumberChangedSinceTheSnapshotMakesTheGatewayReadEverything()
    {
        await _database.ExecuteAsync(
            "INSERT INTO twilio_accounts (tenant_id, account_sid, auth_token_enc, from_number) " +
            "VALUES ('uno-2024', 'AC" + new string('a', 32) + "', 'x', '+14155550101')");
        var before = await _source.LoadAsync(CancellationToken.None);

        await _database.ExecuteAsync("UPDATE tenant_clients SET name = 'Dos Renovado' WHERE id = 'dos-2024'");
        await _database.ExecuteAsync("UPDATE twilio_accounts SET from_number = '+14155550177' WHERE tenant_id = 'uno-2024'");
        var applied = await _source.LoadChangesAsync(before, CancellationToken.None);

        Assert.Null(applied.FindByTwilioNumber("+14155550101"));
        Assert.Equal("uno-2024", applied.FindByTwilioNumber("+14155550177")?.Id);
        Assert.Equal("Dos Renovado", applied.FindById("dos-2024")?.Name);
        Assert.NotSame(before.FindById("uno-2024"), applied.FindById("uno-2024"));
    }

    [Fact]
    public async Task NothingChangedGivesBackTheSameSnapshot()
    {
        var before = await _source.LoadAsync(CancellationToken.None);

        Assert.Same(before, await _source.LoadChangesAsync(before, CancellationToken.None));
    }

    [Fact]
    public async Task TenThousandShopsInsertedInOneStatementReachTheSnapshotAndTheChangeLogStaysBounded()
    {
        var before = await _source.LoadAsync(CancellationToken.None);

        await _database.ExecuteAsync(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10010) " +
            "INSERT INTO tenant_clients (id, name, slug) SELECT 'bulk-' || i, 'Bulk ' || i, 'bulk-' || i FROM n");
        var applied = await _source.LoadChangesAsync(before, CancellationToken.None);

        // A version per row on SQLite, per statement on PostgreSQL: either way no more than 10,000 are kept.
        var versionsKept = Convert.ToInt64(await _database.ScalarAsync("SELECT COUNT(DISTINCT version) FROM tenant_directory_changes"), CultureInfo.InvariantCulture);
        Assert.InRange(versionsKept, 1, 10_000);
        Assert.Equal(await _source.ReadVersionAsync(CancellationToken.None), applied.Version);
        Assert.Equal(10_013, applied.All.Count);
        Assert.Equal("bulk-10010", applied.FindBySlug("bulk-10010")?.Id);
    }

    [Fact]
    public async Task ABulkUpdateOfEveryShopIsOneVersionOnPostgresAndAppliedAsOne()
    {
        var before = await _source.LoadAsync(CancellationToken.None);

        await _database.ExecuteAsync("UPDATE tenant_clients SET rate_limit_per_minute = 42");
        var applied = await _source.LoadChangesAsync(before, CancellationToken.None);

        Assert.Equal(_database.Provider == DatabaseOptions.Postgres ? before.Version + 1 : before.Version + 3, applied.Version);
        Assert.All(applied.All, t => Assert.Equal(42, t.RateLimitPerMinute));
    }
}

public sealed class TenantSnapshotChangesOnSqliteTests() : TenantSnapshotChangesTests(new SqliteDatabase());

public sealed class TenantSnapshotChangesOnPostgresTests() : TenantSnapshotChangesTests(new PostgresDatabase());
