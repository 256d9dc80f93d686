using System.Net;

namespace Sintestesia.Gateway.Bench;

/// <summary>
/// The cheapest answer a bot host's Kestrel can give: the baseline both proxies are measured against, and their
/// upstream. It ignores the gateway's tenant and proof headers; <c>/healthz</c> answers the gateway's active checks.
/// </summary>
internal static class TrivialUpstream
{
    private static readonly byte[] _answer = "<Response/>"u8.ToArray();
    private static readonly byte[] _ok = "ok"u8.ToArray();

    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // No per-request log lines: the baseline must measure Kestrel, not the console.
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port);
        });

        await using var app = builder.Build();
        app.Run(context =>
        {
            var health = context.Request.Path == "/healthz";
            context.Response.ContentType = health ? "text/plain" : "text/xml";
            var body = health ? _ok : _answer;
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body).AsTask();
        });
        await app.RunAsync();
        return 0;
    }
}
