using System.Globalization;
using Serilog.Events;
using Sintestesia.Gateway.Tests.Faults;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.BadInput;

/// <summary>A gateway whose resolution step logs its refusals, so a test sees how a request ended.</summary>
public sealed class RefusalLoggingSystem() : LogCapturingSystem(typeof(Proxy.TenantResolutionStep));

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
        Assert.DoesNotContain(logs, e => e.Level >= LogEventLevel.Error);
    }

    private static bool IsSlowBodyRefusal(LogEvent e) =>
        e.Level == LogEventLevel.Information && e.RenderMessage(CultureInfo.InvariantCulture).Contains("arrived too slowly", StringComparison.Ordinal);
}
