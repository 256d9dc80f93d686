using System.Globalization;
using System.Net;
using System.Text.Json;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.RateLimiting;

/// <summary>Gateways on one database hold a shop to its per-minute limit together, not each on its own.</summary>
public abstract class SharedLimitTests(SharedLimitSystem system)
{
    private const int Limit = 20;

    // Between two syncs each gateway is sent this many requests, so neither can miss more than these of the other's.
    private const int PerGatewayBetweenSyncs = 3;

    [Fact]
    public async Task AShopGetsItsLimitAcrossTwoGatewaysPlusAtMostWhatTheOtherAdmittedSinceTheLastSync()
    {
        var id = await system.CreateShopAsync("compartida", Limit);
        await system.CreateShopAsync("vecina");

        var batches = new List<List<LimitedReply>>();
        for (var batch = 0; batch < (Limit / (2 * PerGatewayBetweenSyncs)) + 2; batch++)
        {
            batches.Add(await AlternatelyAsync("compartida", PerGatewayBetweenSyncs));
            await system.SettleAsync();
        }

        var neighbour = await AlternatelyAsync("vecina", SharedLimitSystem.DefaultPerMinute / 2);
        var answers = batches.SelectMany(b => b).ToList();
        var admitted = answers.Count(r => r.Reply.Status == HttpStatusCode.OK);
        var counted = Convert.ToInt64(await system.Database.ScalarAsync("SELECT SUM(count) FROM rate_limit_usage WHERE tenant_id = @id", ("@id", id)), CultureInfo.InvariantCulture);

        Assert.InRange(admitted, Limit, Limit + PerGatewayBetweenSyncs);
        Assert.All(answers.Where(r => r.Reply.Status != HttpStatusCode.OK), AssertRefusedUntilTheMinuteEnds);
        // Once both have synced, each knows the whole count and refuses.
        Assert.All(batches[^1], AssertRefusedUntilTheMinuteEnds);
        Assert.Equal(admitted, counted);
        Assert.All(neighbour, r => Assert.True(r.Reply.Status == HttpStatusCode.OK, r.ToString()));
    }

    [Fact]
    public async Task ReadinessAndMetricsSayLimitsAreSharedUnderEachGatewaysOwnIdAndCountTheSyncs()
    {
        await system.SettleAsync();

        var a = await system.RateLimitsAsync(system.GatewayA);
        var b = await system.RateLimitsAsync(system.GatewayB);
        var metrics = await system.GetAsync(system.GatewayB, "/metrics");

        Assert.Equal("on", a.GetProperty("sharing").GetString());
        Assert.Equal("on", b.GetProperty("sharing").GetString());
        Assert.Equal("gateway-a", a.GetProperty("gateway_id").GetString());
        Assert.Equal("gateway-b", b.GetProperty("gateway_id").GetString());
        Assert.True(b.GetProperty("syncs").GetInt64() >= 4, b.ToString());
        Assert.NotEqual(JsonValueKind.Null, b.GetProperty("last_sync_at").ValueKind);
        Assert.Contains("sintestesia_gateway_rate_limit_shared 1", metrics.Body, StringComparison.Ordinal);
        Assert.Matches(@"sintestesia_gateway_rate_limit_syncs_total [1-9]\d*", metrics.Body);
    }

    private static void AssertRefusedUntilTheMinuteEnds(LimitedReply reply)
    {
        ErrorReply.AssertSentence(reply.Reply, HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(SharedLimitSystem.SecondsLeftInMinute), reply.RetryAfter);
        Assert.Contains($"{Limit} requests per minute", reply.Reply.Field("error"), StringComparison.Ordinal);
    }

    /// <summary><paramref name="each"/> requests to each gateway, one at a time, A and B in turn.</summary>
    private async Task<List<LimitedReply>> AlternatelyAsync(string slug, int each)
    {
        var replies = new List<LimitedReply>();
        for (var i = 0; i < each; i++)
        {
            replies.Add(await system.AskAsync(system.GatewayA, slug));
            replies.Add(await system.AskAsync(system.GatewayB, slug));
        }

        return replies;
    }
}

public sealed class SharedLimitOnPostgresTests(PostgresSharedLimitSystem system) : SharedLimitTests(system), IClassFixture<PostgresSharedLimitSystem>;

public sealed class SharedLimitOnSqliteTests(SqliteSharedLimitSystem system) : SharedLimitTests(system), IClassFixture<SqliteSharedLimitSystem>;
