using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.RateLimiting;

/// <summary><c>tenant_clients.rate_limit_per_minute</c>, however it is written, replaces the default for that shop while the gateway runs.</summary>
[Collection(RateLimitedSystemDefinition.Name)]
public sealed class OwnLimitTests(RateLimitedSystem system)
{
    [Fact]
    public async Task ALimitWrittenBySqlAppliesWithoutARestartAndNullRestoresTheDefault()
    {
        var id = await system.CreateShopAsync("limite-sql");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await system.AskUntilRefusedAsync("limite-sql")).Reply.Status);

        await system.SetOwnLimitBySqlAsync(id, 100);
        var (raised, _) = await Poll.UntilAsync(() => system.AskAsync("limite-sql"), r => r.Reply.Status == HttpStatusCode.OK, RateLimitedSystem.Deadline);
        var more = new List<LimitedReply>();
        for (var i = 0; i < 20; i++)
        {
            more.Add(await system.AskAsync("limite-sql"));
        }

        await system.SetOwnLimitBySqlAsync(id, DBNull.Value);
        var lowered = await system.AskUntilRefusedAsync("limite-sql");

        Assert.True(raised.Reply.Status == HttpStatusCode.OK, raised.ToString());
        Assert.All(more, r => Assert.True(r.Reply.Status == HttpStatusCode.OK, r.ToString()));
        ErrorReply.AssertSentence(lowered.Reply, HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(RateLimitedSystem.DefaultRetryAfterSeconds), lowered.RetryAfter);
    }

    [Fact]
    public async Task ALowOwnLimitTellsClientsToWaitForItsOwnNextRequest()
    {
        var id = await system.CreateShopAsync("limite-bajo");
        await system.SetOwnLimitBySqlAsync(id, 2);

        // Two requests a minute, burst included: once the limit applies, the third within the minute is refused.
        var (refused, _) = await Poll.UntilAsync(() => system.AskAsync("limite-bajo"),
            r => r.Reply.Status == HttpStatusCode.TooManyRequests && r.RetryAfter == TimeSpan.FromSeconds(31), RateLimitedSystem.Deadline);

        ErrorReply.AssertSentence(refused.Reply, HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(31), refused.RetryAfter);
        Assert.Contains("2 requests per minute", refused.Reply.Field("error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALimitOutOfRangeWrittenBySqlIsIgnoredAndTheShopGetsTheDefault()
    {
        var blockedId = await system.CreateShopAsync("limite-cero");
        var raisedId = await system.CreateShopAsync("limite-testigo");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await system.AskUntilRefusedAsync("limite-testigo")).Reply.Status);

        // One statement, so once the witness's new limit shows, the zero has been read too.
        await system.Database.ExecuteAsync(
            "UPDATE tenant_clients SET rate_limit_per_minute = CASE id WHEN $blocked THEN 0 ELSE 100 END WHERE id IN ($blocked, $raised)",
            ("$blocked", blockedId), ("$raised", raisedId));
        var (witness, _) = await Poll.UntilAsync(() => system.AskAsync("limite-testigo"), r => r.Reply.Status == HttpStatusCode.OK, RateLimitedSystem.Deadline);
        var answers = new List<LimitedReply>();
        for (var i = 0; i <= RateLimitedSystem.DefaultPerMinute; i++)
        {
            answers.Add(await system.AskAsync("limite-cero"));
        }

        Assert.True(witness.Reply.Status == HttpStatusCode.OK, witness.ToString());
        Assert.All(answers.Take(RateLimitedSystem.DefaultPerMinute), r => Assert.True(r.Reply.Status == HttpStatusCode.OK, r.ToString()));
        Assert.Equal(TimeSpan.FromSeconds(RateLimitedSystem.DefaultRetryAfterSeconds), answers[^1].RetryAfter);
    }
}
