using Npgsql;
using Sintestesia.TenantConfig.Certificates;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.Certificates;

/// <summary>The advisory lock that lets one gateway at a time order a name, on a real PostgreSQL.</summary>
public sealed class PostgresOrderLockTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task ANameIsOrderedByOneGatewayAtATimeAndFreedWhenItIsDone()
    {
        var first = new PostgresOrderLock(_database.ConnectionString);
        var second = new PostgresOrderLock(_database.ConnectionString);

        var held = await first.TryAcquireAsync("acme.sintestesia.cl", CancellationToken.None);
        var refused = await second.TryAcquireAsync("acme.sintestesia.cl", CancellationToken.None);
        await using var other = await second.TryAcquireAsync("bravo.sintestesia.cl", CancellationToken.None);

        Assert.NotNull(held);
        Assert.Null(refused);
        Assert.NotNull(other);
        await held!.DisposeAsync();
        await using var after = await second.TryAcquireAsync("acme.sintestesia.cl", CancellationToken.None);
        Assert.NotNull(after);
    }

    [Fact]
    public async Task ALockWhoseGatewayDiedIsFreeAgain()
    {
        var crashed = new PostgresOrderLock(_database.ConnectionString);
        var held = await crashed.TryAcquireAsync("mundo-canino.sintestesia.cl", CancellationToken.None);
        Assert.NotNull(held);

        // The gateway's session ends without unlocking, as a killed process's would. Only this test's database is
        // touched (other test projects share the server), and termination is awaited: without a timeout
        // pg_terminate_backend only signals, and the lock can still be held when the next gateway asks for it.
        await using (var admin = new NpgsqlConnection(_database.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                """
                SELECT bool_and(pg_terminate_backend(pid, 10000)) FROM pg_locks
                WHERE locktype = 'advisory' AND pid <> pg_backend_pid()
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """, admin);
            Assert.Equal(true, await kill.ExecuteScalarAsync());
        }

        await using var taken = await new PostgresOrderLock(_database.ConnectionString).TryAcquireAsync("mundo-canino.sintestesia.cl", CancellationToken.None);
        Assert.NotNull(taken);
        // Releasing a lock whose session is gone is quiet: the order it guarded must not turn into a failure.
        await held!.DisposeAsync();
    }
}
