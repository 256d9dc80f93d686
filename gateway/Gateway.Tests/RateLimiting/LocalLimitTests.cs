using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.RateLimiting;

/// <summary>On SQLite, unless told otherwise, a gateway limits shops on its own and says so.</summary>
[Collection(RateLimitedSystemDefinition.Name)]
public sealed class LocalLimitTests(RateLimitedSystem system)
{
    [Fact]
    public async Task OnSqliteLimitsAreNotSharedAndReadinessAndMetricsSaySo()
    {
        var readiness = (await system.GetAsync(system.InternalUrl, "/readyz")).Json().GetProperty("rate_limits");
        var metrics = await system.GetAsync(system.InternalUrl, "/metrics");

        Assert.Equal("off", readiness.GetProperty("sharing").GetString());
        Assert.Equal(0, readiness.GetProperty("syncs").GetInt64());
        Assert.Contains("sintestesia_gateway_rate_limit_shared 0", metrics.Body, StringComparison.Ordinal);
    }
}
