using System.Globalization;
using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.RateLimiting;

/// <summary>Limits shared on a SQLite file, synced at start and then once a minute: within a test only a stop can write the counts.</summary>
public sealed class RarelySyncingSystem() : RunningSystem(botHostCount: 1, adminApi: false)
{
    public const string GatewayId = "leaving-gateway";

    protected override void AddGatewaySettings(Dictionary<string, string?> settings)
    {
        settings["Gateway:RateLimit:Shared"] = "true";
        settings["Gateway:RateLimit:SyncIntervalMilliseconds"] = "60000";
        settings["Gateway:RateLimit:GatewayId"] = GatewayId;
    }
}

public sealed class SharedUsageHandOverTests : IAsyncLifetime
{
    private readonly RarelySyncingSystem _system = new();

    public Task InitializeAsync() => _system.InitializeAsync();

    public Task DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task AGatewayThatStopsHandsWhatItAdmittedToTheOtherGatewaysBeforeItGoes()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _system.AskAsync("acme", "hola")).Status);
        }

        await _system.StopGatewayAsync();

        var handedOver = await _system.Database.ScalarAsync(
            "SELECT COALESCE(SUM(\"count\"), 0) FROM rate_limit_usage WHERE gateway_id = @gateway AND tenant_id = @tenant",
            ("@gateway", RarelySyncingSystem.GatewayId), ("@tenant", DemoShop.Acme.Id));
        Assert.Equal(3, Convert.ToInt32(handedOver, CultureInfo.InvariantCulture));
    }
}
