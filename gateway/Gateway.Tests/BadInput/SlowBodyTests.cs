using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Serilog.Events;
using Sintestesia.Gateway.Tests.Faults;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.BadInput;

/// <summary>A gateway whose resolution step logs its refusals (Information), so a test sees how a request ended.</summary>
public sealed class RefusalLoggingSystem() : RunningSystem(botHostCount: 1, adminApi: false)
{
    protected override bool CapturesLogs => true;

    protected override void ConfigureGateway(WebApplicationBuilder builder) =>
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Override:Sintestesia.Gateway.Proxy.TenantResolutionStep"] = "Information",
        });
}

/// <summary>A sender that cannot deliver its body is the sender's problem: one line and the contract's answer, no server error.</summary>
public sealed class SlowBodyTests(RefusalLoggingSystem system) : IClassFixture<RefusalLoggingSystem>
{
    [Fact]
    public async Task ABodyTrickledTooSlowlyIsAnsweredWithTheContractsErrorAndLoggedAsARefusal()
    {
        var cut = await SlowSender.TrickleAsync(system.InternalUrl, headers: false, TimeSpan.FromSeconds(30));

        var (logs, _) = await Poll.UntilAsync(() => Task.FromResult(system.GatewayLogs), events => events.Any(IsSlowBodyRefusal), TimeSpan.FromSeconds(10));

        Assert.Equal(408, cut?.Status);
        Assert.Contains(logs, IsSlowBodyRefusal);
        Assert.DoesNotContain(logs, e => e.Level >= LogEventLevel.Error && !IsRequestLogLine(e));
    }

    // Serilog's request-logging middleware writes through the process's static logger, which in a test process may be
    // another system's; every other event comes from this gateway's own loggers.
    private static bool IsRequestLogLine(LogEvent e) =>
        e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().Contains("RequestLoggingMiddleware", StringComparison.Ordinal);

    private static bool IsSlowBodyRefusal(LogEvent e) =>
        e.Level == LogEventLevel.Information && e.RenderMessage(CultureInfo.InvariantCulture).Contains("arrived too slowly", StringComparison.Ordinal);
}
