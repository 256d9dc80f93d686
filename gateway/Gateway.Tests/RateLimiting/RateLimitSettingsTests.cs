using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.RateLimiting;

/// <summary>A rate-limit setting the gateway cannot apply stops it at start with a sentence, not at the first request.</summary>
public sealed class RateLimitSettingsTests
{
    [Theory]
    [InlineData("PerMinute", "0")]
    [InlineData("PerMinute", "1000001")]
    [InlineData("Burst", "0")]
    [InlineData("SyncIntervalMilliseconds", "0")]
    public async Task AnUnusableSettingStopsTheGatewayAtStartNamingIt(string name, string value)
    {
        var secrets = TestSecrets.New();
        await using var database = new TenantDatabase();
        await using var gateway = GatewayApp.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Tenants"] = database.ConnectionString,
            ["Secrets:Key"] = secrets.SecretKey,
            ["Proof:Secret"] = secrets.ProofSecret,
            ["Serilog:MinimumLevel:Default"] = "Fatal",
            ["Gateway:PublicUrl"] = FreePort.NextUrl().ToString(),
            ["Gateway:InternalUrl"] = FreePort.NextUrl().ToString(),
            ["Gateway:BotHosts:0"] = "http://127.0.0.1:9",
            [$"Gateway:RateLimit:{name}"] = value,
        }));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => gateway.StartAsync());

        Assert.Contains($"Gateway:RateLimit:{name} must be", error.Message, StringComparison.Ordinal);
    }
}
