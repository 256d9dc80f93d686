using System.Globalization;
using Npgsql;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.TenantCtl;

/// <summary>
/// <c>tenantctl db migrate</c> and <see cref="DatabaseMigrator"/> on an empty database of each provider, and the
/// migrated triggers: plain SQL on any routing table bumps the directory version, on products the tenant's catalog version.
/// </summary>
public abstract class DbMigrateCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TestDatabase _database;
    private readonly TenantCtlRunner _cli;

    protected DbMigrateCommandTests(TestDatabase unmigrated)
    {
        _database = unmigrated;
        _cli = new TenantCtlRunner(unmigrated);
    }

    protected TestDatabase Database => _database;

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    public void Dispose()
    {
        _cli.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task MigrateWithSeedDemoCreatesTheSchemaAndTheDemoShops()
    {
        var migrate = await _cli.RunAsync("db", "migrate", "--seed-demo");
        var again = await _cli.RunAsync("db", "migrate", "--seed-demo");
        var list = await _cli.RunAsync("tenants", "list");

        Assert.True(migrate.ExitCode == ExitCodes.Ok, migrate.Output);
        Assert.Contains("acme-cannabis-2024", migrate.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, again.ExitCode);
        Assert.Contains("already up to date", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("nothing changed", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
        Assert.Contains("mundo-canino", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainSqlOnEveryRoutingTableBumpsTheDirectoryVersionOncePerRow()
    {
        var migrate = await _cli.RunAsync("db", "migrate");
        Assert.True(migrate.ExitCode == ExitCodes.Ok, migrate.Output);

        string[] statements =
        [
            "INSERT INTO tenant_clients (id, name, slug) VALUES ('trigger-2024', 'Trigger', 'trigger')",
            "UPDATE tenant_clients SET name = 'Trigger Dos' WHERE id = 'trigger-2024'",
            "INSERT INTO twilio_accounts (tenant_id, account_sid, auth_token_enc, from_number) VALUES ('trigger-2024', 'AC1', 'x', '+15550001')",
            "UPDATE twilio_accounts SET status = 'inactive' WHERE tenant_id = 'trigger-2024'",
            "DELETE FROM twilio_accounts WHERE tenant_id = 'trigger-2024'",
            "INSERT INTO meta_accounts (tenant_id, phone_number_id, verify_token_enc, app_secret_enc, access_token_enc) VALUES ('trigger-2024', '7300', 'v', 'a', 't')",
            "UPDATE meta_accounts SET status = 'inactive' WHERE tenant_id = 'trigger-2024'",
            "DELETE FROM meta_accounts WHERE tenant_id = 'trigger-2024'",
            "INSERT INTO bot_pools (id) VALUES ('premium')",
            "INSERT INTO bot_pool_destinations (pool_id, address) VALUES ('premium', 'http://10.0.0.7:9101')",
            "UPDATE bot_pool_destinations SET address = 'http://10.0.0.8:9101' WHERE pool_id = 'premium'",
            "DELETE FROM bot_pool_destinations WHERE pool_id = 'premium'",
            "UPDATE bot_pools SET id = 'premium-2' WHERE id = 'premium'",
            "DELETE FROM bot_pools WHERE id = 'premium-2'",
            "DELETE FROM tenant_clients WHERE id = 'trigger-2024'",
        ];
        foreach (var sql in statements)
        {
            var before = await DirectoryVersionAsync();
            await _database.ExecuteAsync(sql);
            Assert.True(await DirectoryVersionAsync() == before + 1, sql);
        }
    }

    [Fact]
    public async Task PlainSqlOnProductsBumpsTheirTenantsCatalogVersion()
    {
        await MigrateAsync();
        await _database.ExecuteAsync("INSERT INTO tenant_clients (id, name, slug) VALUES ('uno-2024', 'Uno', 'uno'), ('dos-2024', 'Dos', 'dos')");

        // Only "moved forward, for the right shops" matters to the bot hosts: SQLite counts rows (an update twice),
        // PostgreSQL counts statements.
        await _database.ExecuteAsync("INSERT INTO products (id, name, client_id, price, stock, status) VALUES ('p1', 'Lámpara', 'uno-2024', 12990, 7, 'Active')");
        var afterInsert = await CatalogVersionAsync("uno-2024");
        Assert.Equal(1, afterInsert);
        Assert.Equal(0, await CatalogVersionAsync("dos-2024"));

        await _database.ExecuteAsync("UPDATE products SET stock = 6 WHERE id = 'p1'");
        var afterUpdate = await CatalogVersionAsync("uno-2024");
        Assert.True(afterUpdate > afterInsert);
        Assert.Equal(0, await CatalogVersionAsync("dos-2024"));

        await _database.ExecuteAsync("UPDATE products SET client_id = 'dos-2024' WHERE id = 'p1'");
        Assert.True(await CatalogVersionAsync("uno-2024") > afterUpdate);
        var afterMove = await CatalogVersionAsync("dos-2024");
        Assert.Equal(1, afterMove);

        await _database.ExecuteAsync("DELETE FROM products WHERE id = 'p1'");
        Assert.True(await CatalogVersionAsync("dos-2024") > afterMove);
    }

    /// <summary>In process (tenantctl's own run is the first test's), to keep the trigger tests quick.</summary>
    protected async Task MigrateAsync()
    {
        await using var db = _database.CreateContext();
        await DatabaseMigrator.MigrateAsync(db);
    }

    private async Task<long> DirectoryVersionAsync() =>
        Convert.ToInt64(await _database.ScalarAsync("SELECT version FROM tenant_directory_version WHERE id = 1"), CultureInfo.InvariantCulture);

    private async Task<long> CatalogVersionAsync(string tenantId) =>
        Convert.ToInt64(await _database.ScalarAsync("SELECT version FROM catalog_versions WHERE tenant_id = @id", ("@id", tenantId)), CultureInfo.InvariantCulture);
}

public sealed class DbMigrateCommandOnSqliteTests() : DbMigrateCommandTests(SqliteDatabase.Unmigrated());

public sealed class DbMigrateCommandOnPostgresTests() : DbMigrateCommandTests(PostgresDatabase.Unmigrated())
{
    [Fact]
    public async Task DirectoryChangeIsAnnouncedWithTheNewVersionOnTheTenantDirectoryChannel()
    {
        await MigrateAsync();
        await using var listener = new NpgsqlConnection(Database.ConnectionString);
        await listener.OpenAsync();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Notification += (_, e) => received.TrySetResult($"{e.Channel}:{e.Payload}");
        await using (var listen = new NpgsqlCommand("LISTEN tenant_directory", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await Database.ExecuteAsync("INSERT INTO tenant_clients (id, name, slug) VALUES ('avisada-2024', 'Avisada', 'avisada')");
        await listener.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(received.Task.IsCompleted, "no notification on channel tenant_directory within 5 s");
        Assert.Equal("tenant_directory:1", await received.Task);
    }
}
