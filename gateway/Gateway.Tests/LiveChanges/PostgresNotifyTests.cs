using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.Gateway.Tests.LiveChanges;

/// <summary>
/// A PostgreSQL gateway whose poller only runs once a minute: whatever reaches it sooner came through LISTEN/NOTIFY.
/// </summary>
public sealed class NotifyOnlySystem() : RunningSystem(botHostCount: 1, adminApi: true, DatabaseOptions.Postgres)
{
    protected override void AddGatewaySettings(Dictionary<string, string?> settings) =>
        settings["Gateway:RefreshIntervalMilliseconds"] = "60000";
}

public sealed class PostgresNotifyTests(NotifyOnlySystem system) : IClassFixture<NotifyOnlySystem>
{
    private static readonly TimeSpan WellBeforeThePoller = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ATenantInsertedByPlainSqlIsRoutedWithoutWaitingForThePoller()
    {
        await InsertShopAsync("pg-notificada", "pg-notificada-2024");

        var (reply, _) = await Poll.UntilAsync(() => system.AskAsync("pg-notificada", "hola"), r => r.Status == HttpStatusCode.OK, WellBeforeThePoller);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal("pg-notificada-2024", reply.Field("tenant_id"));
    }

    [Fact]
    public async Task TheListenerReconnectsByItselfAfterItsConnectionIsKilledAndCatchesUp()
    {
        // The listener starts in the background: wait until its session shows, then kill it as a failover would.
        var (killed, _) = await Poll.UntilAsync(
            async () => Convert.ToInt64(await system.Database.ScalarAsync(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%'"),
                System.Globalization.CultureInfo.InvariantCulture),
            count => count >= 1,
            WellBeforeThePoller);
        Assert.True(killed >= 1, "no LISTEN session was found to kill");

        await InsertShopAsync("pg-reconectada", "pg-reconectada-2024");

        var (reply, _) = await Poll.UntilAsync(() => system.AskAsync("pg-reconectada", "hola"), r => r.Status == HttpStatusCode.OK, WellBeforeThePoller);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
    }

    private Task<int> InsertShopAsync(string slug, string id) =>
        system.Database.ExecuteAsync("INSERT INTO tenant_clients (id, name, slug) VALUES (@id, @name, @slug)",
            ("@id", id), ("@name", "Tienda " + slug), ("@slug", slug));
}
