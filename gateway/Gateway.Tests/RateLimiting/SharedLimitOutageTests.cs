using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.RateLimiting;

/// <summary>Sharing never makes the database a reason to refuse: without it each gateway limits on its own, and shares again once it is back.</summary>
public sealed class SharedLimitOutageTests(PostgresSharedLimitSystem system) : IClassFixture<PostgresSharedLimitSystem>
{
    private const int Limit = 20;

    [Fact]
    public async Task WithTheDatabaseGoneEachGatewayHoldsTheShopToItsLimitAloneWithoutServerErrorsAndSharesAgainWhenItReturns()
    {
        await system.CreateShopAsync("sin-base", Limit);

        var duringA = new List<LimitedReply>();
        var duringB = new List<LimitedReply>();
        string? sharingA, sharingB;
        await system.Login!.ShutOutAsync();
        try
        {
            sharingA = await SharingOnceItIsNotOnAsync(system.GatewayA);
            sharingB = await SharingOnceItIsNotOnAsync(system.GatewayB);
            for (var i = 0; i < Limit + 5; i++)
            {
                duringA.Add(await system.AskAsync(system.GatewayA, "sin-base"));
                duringB.Add(await system.AskAsync(system.GatewayB, "sin-base"));
            }
        }
        finally
        {
            await system.Login.LetInAsync();
        }

        var (back, _) = await Poll.UntilAsync(async () => (A: await SharingAsync(system.GatewayA), B: await SharingAsync(system.GatewayB)),
            s => s is ("on", "on"), SharedLimitSystem.Deadline);
        await system.SettleAsync();
        var after = new[] { await system.AskAsync(system.GatewayA, "sin-base"), await system.AskAsync(system.GatewayB, "sin-base") };

        Assert.Equal("unavailable; limiting locally", sharingA);
        Assert.Equal("unavailable; limiting locally", sharingB);
        foreach (var during in new[] { duringA, duringB })
        {
            // Nothing told either gateway of the other's requests, so each let in the whole limit, and no more.
            Assert.All(during.Take(Limit), r => Assert.True(r.Reply.Status == HttpStatusCode.OK, r.ToString()));
            Assert.All(during.Skip(Limit), r => Assert.True(r.Reply.Status == HttpStatusCode.TooManyRequests && r.RetryAfter is not null, r.ToString()));
        }

        Assert.Equal(("on", "on"), back);
        // The counts made meanwhile reached the database: each gateway now sees the other's 20 besides its own.
        Assert.All(after, r => Assert.True(r.Reply.Status == HttpStatusCode.TooManyRequests, r.ToString()));
    }

    private async Task<string?> SharingAsync(Uri gateway) => (await system.RateLimitsAsync(gateway)).GetProperty("sharing").GetString();

    private async Task<string?> SharingOnceItIsNotOnAsync(Uri gateway) =>
        (await Poll.UntilAsync(() => SharingAsync(gateway), s => s != "on", SharedLimitSystem.Deadline)).Last;
}
