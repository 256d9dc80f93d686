using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Failover;

/// <summary>A system of its own: this test stops one of its bot hosts.</summary>
public sealed class FailoverSystem() : RunningSystem(botHostCount: 2, adminApi: true)
{
    protected override void AddGatewaySettings(Dictionary<string, string?> settings) =>
        settings["Gateway:HealthCheckIntervalSeconds"] = "1";
}

public sealed class BotHostFailoverTests(FailoverSystem system) : IClassFixture<FailoverSystem>
{
    [Fact]
    public async Task WhenOneBotHostStopsTheActiveHealthCheckTakesItOutAndTheOtherAnswersEveryMessage()
    {
        Assert.Equal(2, HealthyBotHosts(await system.GetAsync(system.InternalUrl, "/readyz")));

        await system.StopBotHostAsync(0);
        var (readiness, _) = await Poll.UntilAsync(() => system.GetAsync(system.InternalUrl, "/readyz"),
            r => HealthyBotHosts(r) == 1, TimeSpan.FromSeconds(15));
        Assert.Equal(1, HealthyBotHosts(readiness));

        var replies = new List<Reply>();
        for (var i = 0; i < 20; i++)
        {
            replies.Add(await system.AskAsync("bravo", "que consolas tienes"));
        }

        Assert.All(replies, r => Assert.True(r.Status == HttpStatusCode.OK, r.ToString()));
        Assert.All(replies, r => Assert.Contains("PlayStation", r.Field("respuesta"), StringComparison.Ordinal));
    }

    private static int HealthyBotHosts(Reply readiness) => readiness.Json().GetProperty("healthy_bot_hosts").GetInt32();
}
