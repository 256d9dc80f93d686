using System.Diagnostics;
using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Outage;

/// <summary>A system of its own: this test breaks its database on purpose.</summary>
public sealed class OutageSystem() : RunningSystem(botHostCount: 1, adminApi: true);

public sealed class DatabaseOutageTests(OutageSystem system) : IClassFixture<OutageSystem>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task UnreadableTenantDirectoryKeepsTheLastGoodSnapshotAndRecovers()
    {
        Assert.Equal("ok", (await system.GetAsync(system.InternalUrl, "/readyz")).Json().GetProperty("database").GetString());

        // Only the gateway's snapshot reads use the change counter; bot hosts still read catalogs and store messages.
        await system.Database.ExecuteAsync("ALTER TABLE tenant_directory_version RENAME TO tenant_directory_version_offline");
        var (down, _) = await Poll.UntilAsync(() => system.GetAsync(system.InternalUrl, "/readyz"), r => Database(r) != "ok", Deadline);

        Assert.StartsWith("unavailable", Database(down), StringComparison.Ordinal);
        Assert.Contains("sintestesia_gateway_database_up 0", (await system.GetAsync(system.InternalUrl, "/metrics")).Body, StringComparison.Ordinal);
        var during = await system.AskAsync("acme", "northern lights");
        Assert.True(during.Status == HttpStatusCode.OK, during.ToString());
        Assert.Contains("Northern Lights", during.Field("respuesta"), StringComparison.Ordinal);
        Assert.Equal(3, (await system.GetAsync(system.InternalUrl, "/tenants")).Json().GetProperty("total_tenants").GetInt32());

        await system.Database.ExecuteAsync("ALTER TABLE tenant_directory_version_offline RENAME TO tenant_directory_version");
        var clock = Stopwatch.StartNew();
        await system.Database.ExecuteAsync("INSERT INTO tenant_clients (id, name, slug) VALUES ('tras-caida-2024', 'Tienda Tras La Caída', 'tras-caida')");
        var beforePoll = clock.Elapsed;
        var (after, sentAt) = await Poll.UntilAsync(() => system.AskAsync("tras-caida", "hola"), r => r.Status == HttpStatusCode.OK, Deadline);
        var liveAfter = beforePoll + sentAt;

        Assert.True(after.Status == HttpStatusCode.OK, after.ToString());
        Assert.True(liveAfter <= TimeSpan.FromSeconds(2), $"new tenant live after {liveAfter.TotalMilliseconds:0} ms");
        Assert.Equal("ok", Database(await system.GetAsync(system.InternalUrl, "/readyz")));
    }

    private static string? Database(Reply readiness) => readiness.Field("database");
}
