using System.Diagnostics;
using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.LiveChanges;

/// <summary>Rows changed by plain SQL, as the seed's own statements do, reach routing within 2 s without a restart.</summary>
public abstract class PlainSqlChangeTests(RunningSystem system)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task TenantAddedByPlainSqlAnswersWithinTwoSeconds()
    {
        var clock = Stopwatch.StartNew();
        await InsertShopAsync("sql-nueva", "sql-nueva-2024", "Tienda SQL Nueva");

        var beforePoll = clock.Elapsed;
        var (reply, sentAt) = await Poll.UntilAsync(() => system.AskAsync("sql-nueva", "lampara"), r => r.Status == HttpStatusCode.OK, Deadline);
        var elapsed = beforePoll + sentAt;

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.True(elapsed <= Limit, $"live after {elapsed.TotalMilliseconds:0} ms");
        Assert.Equal("sql-nueva-2024", reply.Field("tenant_id"));
        Assert.Contains("Lámpara de Escritorio", reply.Field("respuesta"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantDeletedByPlainSqlIsNotFoundWithinTwoSeconds()
    {
        await InsertShopAsync("sql-borrada", "sql-borrada-2024", "Tienda SQL Borrada");
        await AnswersAsync("sql-borrada");
        var clock = Stopwatch.StartNew();

        await system.Database.ExecuteAsync("DELETE FROM messages WHERE tenant_id = @id", ("@id", "sql-borrada-2024"));
        await system.Database.ExecuteAsync("DELETE FROM products WHERE client_id = @id", ("@id", "sql-borrada-2024"));
        await system.Database.ExecuteAsync("DELETE FROM tenant_clients WHERE id = @id", ("@id", "sql-borrada-2024"));

        await AssertGoneWithinLimitAsync("sql-borrada", clock);
    }

    [Fact]
    public async Task TenantSetInactiveByPlainSqlIsNotFoundWithinTwoSeconds()
    {
        await InsertShopAsync("sql-pausada", "sql-pausada-2024", "Tienda SQL Pausada");
        await AnswersAsync("sql-pausada");
        var clock = Stopwatch.StartNew();

        await system.Database.ExecuteAsync("UPDATE tenant_clients SET status = 'inactive' WHERE id = @id", ("@id", "sql-pausada-2024"));

        await AssertGoneWithinLimitAsync("sql-pausada", clock);
    }

    private async Task InsertShopAsync(string slug, string id, string name)
    {
        await system.Database.ExecuteAsync("INSERT INTO tenant_clients (id, name, slug) VALUES (@id, @name, @slug)",
            ("@id", id), ("@name", name), ("@slug", slug));
        await system.Database.ExecuteAsync(
            "INSERT INTO products (id, name, client_id, price, stock, status) VALUES (@pid, 'Lámpara de Escritorio', @id, 12990, 7, 'Active')",
            ("@pid", $"{id}-001"), ("@id", id));
    }

    private async Task AnswersAsync(string slug)
    {
        var (reply, _) = await Poll.UntilAsync(() => system.AskAsync(slug, "hola"), r => r.Status == HttpStatusCode.OK, Deadline);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
    }

    private async Task AssertGoneWithinLimitAsync(string slug, Stopwatch sinceChange)
    {
        var beforePoll = sinceChange.Elapsed;
        var (reply, sentAt) = await Poll.UntilAsync(() => system.AskAsync(slug, "hola"), r => r.Status != HttpStatusCode.OK, Deadline);
        var elapsed = beforePoll + sentAt;

        ErrorReply.AssertSentence(reply, HttpStatusCode.NotFound);
        Assert.True(elapsed <= Limit, $"still routed after {elapsed.TotalMilliseconds:0} ms");
    }
}

[Collection(SharedSystemDefinition.Name)]
public sealed class PlainSqlChangeOnSqliteTests(SharedSystem system) : PlainSqlChangeTests(system);

[Collection(PostgresSystemDefinition.Name)]
public sealed class PlainSqlChangeOnPostgresTests(PostgresSystem system) : PlainSqlChangeTests(system);
