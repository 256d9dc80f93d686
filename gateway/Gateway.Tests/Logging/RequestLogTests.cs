using System.Globalization;
using System.Net;
using Serilog.Events;
using Serilog.Formatting.Display;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Logging;

public sealed class RequestLoggingSystem() : LogCapturingSystem(typeof(Http.RequestLog));

/// <summary>Each request leaves one line saying what was asked, how it ended, and for which tenant, resolved how and where.</summary>
public sealed class RequestLogTests(RequestLoggingSystem system) : IClassFixture<RequestLoggingSystem>
{
    [Fact]
    public async Task AnAnsweredWebhookIsOneLineWithItsTenantHowItWasResolvedAndTheListener()
    {
        var reply = await system.AskAsync("acme", "hola");

        var line = await RequestLineAsync("/webhook/acme");

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Matches($@"^POST [^ ]+/webhook/acme → 200 in \d+\.\d ms · tenant {DemoShop.Acme.Id} by slug on Internal$", Render(line));
    }

    [Fact]
    public async Task ARefusedRequestIsLoggedWithoutATenant()
    {
        var reply = await system.PostRawAsync("/webhook/no-such-shop", """{"telefono":"+56911111111","mensaje":"hola"}""");

        var line = await RequestLineAsync("/webhook/no-such-shop");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Matches(@"→ 404 in \d+\.\d ms · tenant - by - on Internal$", Render(line));
    }

    private async Task<LogEvent> RequestLineAsync(string path)
    {
        bool IsLine(LogEvent e) => e.Properties.TryGetValue("RequestPath", out var p) && p.ToString() == $"\"{path}\"";
        var (logs, _) = await Poll.UntilAsync(() => Task.FromResult(system.GatewayLogs), events => events.Any(IsLine), TimeSpan.FromSeconds(10));
        return Assert.Single(logs, IsLine);
    }

    /// <summary>The line as the console shows it (strings without quotes).</summary>
    private static string Render(LogEvent e)
    {
        using var line = new StringWriter(CultureInfo.InvariantCulture);
        new MessageTemplateTextFormatter("{Message:l}", CultureInfo.InvariantCulture).Format(e, line);
        return line.ToString();
    }
}
