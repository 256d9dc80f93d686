using System.Diagnostics;
using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Routes;

/// <summary>A system of its own: these tests move demo shops between bot-host pools.</summary>
public sealed class PoolSystem() : RunningSystem(botHostCount: 1, adminApi: true);

/// <summary>
/// A shop in a pool is forwarded to that pool's hosts, every other shop to the default ones, and both follow the
/// database without a restart.
/// </summary>
public sealed class BotPoolRoutingTests(PoolSystem system, RecordingBotHost recorder) : IClassFixture<PoolSystem>, IClassFixture<RecordingBotHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PoolWrittenByPlainSqlServesItsShopAndRemovingItSendsTheShopBackWithoutRestart()
    {
        await system.Database.ExecuteAsync("INSERT INTO bot_pools(id, created_at) VALUES ('premium', CURRENT_TIMESTAMP)");
        await system.Database.ExecuteAsync("INSERT INTO bot_pool_destinations(pool_id, address) VALUES ('premium', @address)", ("@address", recorder.Address));
        var clock = Stopwatch.StartNew();
        await system.Database.ExecuteAsync("UPDATE tenant_clients SET bot_pool_id = 'premium' WHERE slug = 'acme'");

        var beforePoll = clock.Elapsed;
        var (pooled, sentAt) = await Poll.UntilAsync(() => system.AskAsync("acme", "hola"), FromPool, Deadline);
        var movedAfter = beforePoll + sentAt;
        var other = await system.AskAsync("bravo", "hola");

        Assert.True(FromPool(pooled), $"acme never reached the pool: {pooled}");
        Assert.True(movedAfter <= TimeSpan.FromSeconds(2), $"acme reached its pool after {movedAfter.TotalMilliseconds:F0} ms");
        Assert.Contains(recorder.Requests, r => r.TenantId == DemoShop.Acme.Id && r.Path.Length > 0);
        Assert.DoesNotContain(recorder.Requests, r => r.TenantId == DemoShop.Bravo.Id);
        AssertRealBotHost(other, DemoShop.Bravo);

        await system.Database.ExecuteAsync("DELETE FROM bot_pools WHERE id = 'premium'");
        var (back, _) = await Poll.UntilAsync(() => system.AskAsync("acme", "hola"), r => !FromPool(r), Deadline);

        AssertRealBotHost(back, DemoShop.Acme);
    }

    [Fact]
    public async Task PoolSetThroughTheAdminApiServesItsShopAndRemovingItSendsTheShopBack()
    {
        var shop = DemoShop.MundoCanino;
        var put = await system.AdminAsync(HttpMethod.Put, "/admin/bot-pools/vip", new { Destinations = new[] { recorder.Address } });
        var patched = await system.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{shop.Id}", new { BotPool = "vip" });

        var (pooled, _) = await Poll.UntilAsync(() => system.AskAsync(shop.Slug, "hola"), FromPool, Deadline);

        Assert.True(put.Status == HttpStatusCode.OK, put.ToString());
        Assert.True(patched.Status == HttpStatusCode.OK, patched.ToString());
        Assert.True(FromPool(pooled), $"{shop.Slug} never reached the pool: {pooled}");
        Assert.Contains(recorder.Requests, r => r.TenantId == shop.Id);

        var removed = await system.AdminAsync(HttpMethod.Delete, "/admin/bot-pools/vip");
        var (back, _) = await Poll.UntilAsync(() => system.AskAsync(shop.Slug, "hola"), r => !FromPool(r), Deadline);

        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        AssertRealBotHost(back, shop);
    }

    private static bool FromPool(Reply reply) => reply.Status == HttpStatusCode.OK && reply.Field("respuesta") == RecordingBotHost.Answer;

    private static void AssertRealBotHost(Reply reply, DemoShop shop)
    {
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(shop.Id, reply.Field("tenant_id"));
        Assert.Contains(shop.Name, reply.Field("respuesta"), StringComparison.Ordinal);
    }
}
