using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Sintestesia.BotHost.Bench.Hosting;

/// <summary>The real bot host, built by <see cref="BotHostApp"/>, on a free loopback port over the benchmark's database.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<BenchHost> StartAsync(string connectionString, string secretKey, string proofSecret, CancellationToken ct)
    {
        var app = BotHostApp.Build(["--contentRoot", AppContext.BaseDirectory], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Tenants"] = connectionString,
                ["Secrets:Key"] = secretKey,
                ["Proof:Secret"] = proofSecret,
                // The offline engine is what is measured; a per-request log line on the console would be measured too.
                ["Llm:Provider"] = "none",
                ["Serilog:MinimumLevel:Default"] = "Warning",
            });
            b.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await app.StartAsync(ct);
        return new BenchHost(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
