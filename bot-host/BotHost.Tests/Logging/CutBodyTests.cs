using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Serilog.Events;
using Sintestesia.BotHost.Tests.Infrastructure;
using Sintestesia.TenantConfig.Hosting;
using Sintestesia.Testing;

namespace Sintestesia.BotHost.Tests.Logging;

/// <summary>A bot host that keeps what its error handling logs at Information and above.</summary>
public sealed class ErrorLoggingBotHost() : BotHostFixture(new SqliteDatabase(), new Dictionary<string, string?>
{
    ["Serilog:Using:0"] = typeof(CapturedLogs).Assembly.GetName().Name,
    ["Serilog:WriteTo:0:Name"] = nameof(CapturedLogs.TestCapture),
    ["Serilog:WriteTo:0:Args:key"] = LogKey,
    [$"Serilog:MinimumLevel:Override:{typeof(ErrorResponses).FullName}"] = "Information",
})
{
    public const string LogKey = "bot-host-cut-bodies";

    public static IReadOnlyList<LogEvent> Logs => CapturedLogs.For(LogKey);
}

/// <summary>
/// A forwarded message whose body the bot host cannot read to its end (the gateway cancelling it because its sender went
/// away; here, deterministically, a malformed chunk) is answered 400 and logged as one refusal, not as an unhandled
/// server error with a stack (it showed on every benchmark run).
/// </summary>
public sealed class CutBodyTests(ErrorLoggingBotHost host) : IClassFixture<ErrorLoggingBotHost>
{
    [Fact]
    public async Task AForwardedMessageWhoseBodyCannotBeReadIsAnswered400AndLoggedAsARefusalNotAsAServerError()
    {
        using var signed = host.Gateway.Json(DemoShops.AcmeId, """{"telefono":"+56911111111","mensaje":"hola"}""");
        var request = new StringBuilder($"POST {signed.RequestUri} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n");
        foreach (var (name, values) in signed.Headers)
        {
            request.Append(CultureInfo.InvariantCulture, $"{name}: {string.Join(",", values)}\r\n");
        }

        request.Append("Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nnot-a-chunk-size\r\n");
        using var client = new TcpClient();
        await client.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()));
        var answer = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!ErrorLoggingBotHost.Logs.Any(IsRefusal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var logs = ErrorLoggingBotHost.Logs;
        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"error\"", answer, StringComparison.Ordinal);
        Assert.Contains(logs, IsRefusal);
        Assert.DoesNotContain(logs, e => e.Level >= LogEventLevel.Error);
    }

    private static bool IsRefusal(LogEvent e) =>
        e.Level == LogEventLevel.Information
        && e.RenderMessage(CultureInfo.InvariantCulture) is var line
        && line.Contains("/webhook", StringComparison.Ordinal) && line.Contains("400", StringComparison.Ordinal);
}
