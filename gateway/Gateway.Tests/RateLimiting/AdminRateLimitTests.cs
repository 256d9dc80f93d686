using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.RateLimiting;

/// <summary><c>PATCH /admin/tenants/{id}</c> with <c>rate_limit_per_minute</c>: a whole number from 1 to 1000000, or null for the default.</summary>
[Collection(RateLimitedSystemDefinition.Name)]
public sealed class AdminRateLimitTests(RateLimitedSystem system)
{
    [Fact]
    public async Task PatchSetsAShopsOwnLimitThatAppliesAtOnceAndNullReturnsToTheDefault()
    {
        var id = await system.CreateShopAsync("limite-admin");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await system.AskUntilRefusedAsync("limite-admin")).Reply.Status);

        var raised = await PatchAsync(id, """{"rate_limit_per_minute":100}""");
        var (served, _) = await Poll.UntilAsync(() => system.AskAsync("limite-admin"), r => r.Reply.Status == HttpStatusCode.OK, RateLimitedSystem.Deadline);
        var renamed = await PatchAsync(id, """{"name":"Tienda Con Límite"}""");
        var reset = await PatchAsync(id, """{"rate_limit_per_minute":null}""");
        var refused = await system.AskUntilRefusedAsync("limite-admin");

        Assert.True(raised.Status == HttpStatusCode.OK, raised.ToString());
        Assert.Equal(100, raised.Json().GetProperty("rate_limit_per_minute").GetInt32());
        Assert.True(served.Reply.Status == HttpStatusCode.OK, served.ToString());
        Assert.Equal(100, renamed.Json().GetProperty("rate_limit_per_minute").GetInt32());
        Assert.True(reset.Status == HttpStatusCode.OK, reset.ToString());
        Assert.Equal(JsonValueKind.Null, reset.Json().GetProperty("rate_limit_per_minute").ValueKind);
        Assert.Equal(TimeSpan.FromSeconds(RateLimitedSystem.DefaultRetryAfterSeconds), refused.RetryAfter);
    }

    [Theory]
    [InlineData("limite-cero-admin", "0")]
    [InlineData("limite-negativo", "-5")]
    [InlineData("limite-enorme", "1000001")]
    [InlineData("limite-decimal", "2.5")]
    [InlineData("limite-texto", "\"600\"")]
    [InlineData("limite-booleano", "true")]
    public async Task PatchRefusesALimitThatIsNotAWholeNumberFromOneToOneHundredThousand(string slug, string value)
    {
        var id = await system.CreateShopAsync(slug);
        await PatchAsync(id, """{"rate_limit_per_minute":300}""");

        var refused = await PatchAsync(id, $$"""{"rate_limit_per_minute":{{value}}}""");

        ErrorReply.AssertSentence(refused, HttpStatusCode.BadRequest);
        var after = await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}");
        Assert.Equal(300, after.Json().GetProperty("rate_limit_per_minute").GetInt32());
    }

    private Task<Reply> PatchAsync(string id, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(system.InternalUrl, $"/admin/tenants/{id}"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", system.Secrets.AdminToken);
        return system.SendAsync(request);
    }
}
