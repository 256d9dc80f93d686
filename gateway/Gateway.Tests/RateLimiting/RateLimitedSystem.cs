using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.RateLimiting;

/// <summary>
/// A system of its own with a tight default (5 requests per minute: one more every 12 s, so none comes back while a
/// test runs) and a roomy burst, so a shop given a higher limit of its own can show it at once.
/// </summary>
public sealed class RateLimitedSystem() : RunningSystem(botHostCount: 1, adminApi: true)
{
    public const int DefaultPerMinute = 5;

    /// <summary>Whole seconds a refused client of a default shop is told to wait: 60 s / 5 plus the limiter's tick, rounded up.</summary>
    public const int DefaultRetryAfterSeconds = 13;

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    protected override void AddGatewaySettings(Dictionary<string, string?> settings)
    {
        settings["Gateway:RateLimit:PerMinute"] = "5";
        settings["Gateway:RateLimit:Burst"] = "50";
    }

    /// <summary>A new shop through the admin API, so each test has buckets nobody else has touched; returns its ID.</summary>
    public async Task<string> CreateShopAsync(string slug)
    {
        var created = await this.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = $"Tienda {slug}", Slug = slug });
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return created.Field("id")!;
    }

    /// <summary>One shopper message to the shop, with the <c>Retry-After</c> the gateway sent back, if any.</summary>
    public async Task<LimitedReply> AskAsync(string slug)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(InternalUrl, $"/webhook/{slug}"))
        {
            Content = GatewayCalls.Json(new { Telefono = GatewayCalls.Shopper, Mensaje = "hola" }),
        };
        using var response = await Http.SendAsync(request);
        return new LimitedReply(await Reply.ReadAsync(response), response.Headers.RetryAfter?.Delta);
    }

    /// <summary>Asks until the shop is refused, as a shop over its limit is; the caller asserts on the last answer.</summary>
    public async Task<LimitedReply> AskUntilRefusedAsync(string slug) =>
        (await Poll.UntilAsync(() => AskAsync(slug), r => r.Reply.Status == HttpStatusCode.TooManyRequests, Deadline)).Last;

    public Task<int> SetOwnLimitBySqlAsync(string id, object perMinute) =>
        Database.ExecuteAsync("UPDATE tenant_clients SET rate_limit_per_minute = $limit WHERE id = $id", ("$limit", perMinute), ("$id", id));
}

public sealed record LimitedReply(Reply Reply, TimeSpan? RetryAfter)
{
    public override string ToString() => $"{Reply} (Retry-After {RetryAfter?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})";
}

[CollectionDefinition(Name)]
public sealed class RateLimitedSystemDefinition : ICollectionFixture<RateLimitedSystem>
{
    public const string Name = "rate-limited system";
}
