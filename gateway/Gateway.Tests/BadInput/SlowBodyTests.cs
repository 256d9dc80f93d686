using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Serilog.Events;
using Sintestesia.Gateway.Tests.Faults;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.BadInput;

/// <summary>A gateway that logs each request's end and its refusals (Information), so a test sees how a request ended.</summary>
public sealed class RefusalLoggingSystem() : RunningSystem(botHostCount: 1, adminApi: false)
{
    protected override void ConfigureGateway(WebApplicationBuilder builder) =>
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Override:Sintestesia.Gateway.Proxy.TenantResolutionStep"] = "Information",
            ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = "Information",
        });
}

/// <summary>A sender that hangs up before the length it announced is the sender's problem: one line, no error, no harm.</summary>
public sealed class TruncatedBodyTests(RefusalLoggingSystem system) : IClassFixture<RefusalLoggingSystem>
{
    [Fact]
    public async Task ASenderHangingUpMidBodyEndsItsRequestWithoutAServerError()
    {
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(system.InternalUrl.Host, system.InternalUrl.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(
                "POST /webhook/bravo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"telefono\":"u8.ToArray());
            // Done sending, still listening: the body is short for good, and the gateway sees it end.
            client.Client.Shutdown(SocketShutdown.Send);
            await DrainAsync(stream);
        }

        // The request's end is logged after anything that went wrong in it. Kestrel ends it one of two ways, by timing:
        // the body read fails (refused: 400, one line) or the request is aborted first (499).
        var (logs, _) = await Poll.UntilAsync(() => Task.FromResult(system.GatewayLogs), events => events.Any(IsTruncatedRequestsEnd), TimeSpan.FromSeconds(10));
        var end = logs.FirstOrDefault(IsTruncatedRequestsEnd);

        Assert.True(end is not null, "no request log line for the truncated request; logged: " + Rendered(logs));
        Assert.True(end.Properties["StatusCode"].ToString() is "400" or "499", Rendered([end]));
        Assert.DoesNotContain(logs, e => e.Level >= LogEventLevel.Error);
        Assert.Equal(HttpStatusCode.OK, (await system.AskAsync("bravo", "hola")).Status);
    }

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

    private static async Task DrainAsync(NetworkStream stream)
    {
        try
        {
            await stream.CopyToAsync(Stream.Null).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (IOException)
        {
            // Kestrel resets a connection whose request body ended early.
        }
    }

    // The gateway's request log line for the truncated POST (its template names the Host; the bot hosts' does not).
    private static bool IsTruncatedRequestsEnd(LogEvent e) =>
        e.Properties.ContainsKey("Host") && e.Properties.ContainsKey("StatusCode") &&
        e.Properties.TryGetValue("RequestPath", out var path) && path.ToString() == "\"/webhook/bravo\"" &&
        e.Properties.TryGetValue("RequestMethod", out var method) && method.ToString() == "\"POST\"";

    private static string Rendered(IEnumerable<LogEvent> events) =>
        string.Join(" | ", events.Select(e => $"{e.Level}: {e.RenderMessage(CultureInfo.InvariantCulture)}"));
}
