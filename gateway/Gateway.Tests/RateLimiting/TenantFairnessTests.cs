using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.RateLimiting;

/// <summary>Each shop has a bucket of its own: using one up refuses that shop, and only that shop.</summary>
[Collection(RateLimitedSystemDefinition.Name)]
public sealed class TenantFairnessTests(RateLimitedSystem system)
{
    private const int Limit = RateLimitedSystem.DefaultPerMinute;

    [Fact]
    public async Task ANoisyShopIsRefusedPastItsLimitWhileAnotherShopIsServedInFull()
    {
        await system.CreateShopAsync("ruidosa");
        var quietId = await system.CreateShopAsync("tranquila");

        var clock = Stopwatch.StartNew();
        var noisy = Enumerable.Range(0, 30).Select(_ => system.AskAsync("ruidosa")).ToList();
        var quiet = Enumerable.Range(0, Limit).Select(_ => system.AskAsync("tranquila")).ToList();
        var noisyReplies = await Task.WhenAll(noisy);
        var quietReplies = await Task.WhenAll(quiet);
        clock.Stop();

        Assert.All(quietReplies, r => Assert.True(r.Reply.Status == HttpStatusCode.OK, r.ToString()));
        Assert.All(quietReplies, r => Assert.Equal(quietId, r.Reply.Field("tenant_id")));
        var served = noisyReplies.Count(r => r.Reply.Status == HttpStatusCode.OK);
        var refused = noisyReplies.Count(r => r.Reply.Status == HttpStatusCode.TooManyRequests);
        // The bucket holds 5 and gains one every 12 s; only a very slow machine sees one come back meanwhile.
        Assert.InRange(served, Limit, Limit + (int)(clock.Elapsed.TotalSeconds / 12));
        Assert.Equal(30 - served, refused);
    }

    [Fact]
    public async Task ARefusalIsA429WithRetryAfterInSecondsAndASentence()
    {
        await system.CreateShopAsync("con-prisa");

        var answers = new List<LimitedReply>();
        for (var i = 0; i <= Limit; i++)
        {
            answers.Add(await system.AskAsync("con-prisa"));
        }

        Assert.All(answers.Take(Limit), r => Assert.True(r.Reply.Status == HttpStatusCode.OK, r.ToString()));
        Assert.All(answers.Take(Limit), r => Assert.Null(r.RetryAfter));
        var refused = answers[^1];
        ErrorReply.AssertSentence(refused.Reply, HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(RateLimitedSystem.DefaultRetryAfterSeconds), refused.RetryAfter);
        Assert.Contains("5 requests per minute", refused.Reply.Field("error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestsRefusedBeforeResolutionCountAgainstNoShop()
    {
        await system.CreateShopAsync("sin-cuenta");

        var refusedEarly = new List<Reply>();
        for (var i = 0; i < 10; i++)
        {
            refusedEarly.Add(await system.PostRawAsync("/webhook/sin-cuenta", "{\"telefono\":"));
            refusedEarly.Add(await system.PostRawAsync("/webhook/sin-cuenta", "telefono=1&mensaje=hola", "application/x-www-form-urlencoded"));
        }

        var answers = new List<LimitedReply>();
        for (var i = 0; i <= Limit; i++)
        {
            answers.Add(await system.AskAsync("sin-cuenta"));
        }

        Assert.All(refusedEarly, r => Assert.True(r.Status == HttpStatusCode.BadRequest, r.ToString()));
        Assert.All(answers.Take(Limit), r => Assert.True(r.Reply.Status == HttpStatusCode.OK, r.ToString()));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1].Reply.Status);
    }

    [Fact]
    public async Task TheAdminApiStillAnswersForAShopOverItsLimit()
    {
        var id = await system.CreateShopAsync("admin-libre");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await system.AskUntilRefusedAsync("admin-libre")).Reply.Status);

        var reads = new List<Reply>();
        for (var i = 0; i < 2 * Limit; i++)
        {
            reads.Add(await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}"));
        }

        Assert.All(reads, r => Assert.True(r.Status == HttpStatusCode.OK, r.ToString()));
        Assert.Equal(JsonValueKind.Null, reads[^1].Json().GetProperty("rate_limit_per_minute").ValueKind);
    }
}
