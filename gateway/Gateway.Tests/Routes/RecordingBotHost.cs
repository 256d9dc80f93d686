using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Routes;

/// <summary>
/// A stand-in bot host on a loopback port of its own: answers <c>/healthz</c> and every other request with
/// <see cref="Answer"/>, and records the tenant and path of each forwarded request. It checks no proof: it only tells
/// a test which pool a request went to.
/// </summary>
public sealed class RecordingBotHost : IAsyncLifetime
{
    public const string Answer = "pool";

    private readonly ConcurrentQueue<(string? TenantId, string Path)> _requests = new();
    private WebApplication? _app;

    public Uri Url { get; } = FreePort.NextUrl();

    /// <summary>The address as a pool lists it, without the trailing slash.</summary>
    public string Address => Url.ToString().TrimEnd('/');

    public IReadOnlyCollection<(string? TenantId, string Path)> Requests => _requests;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Url.ToString());
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/healthz", () => Results.Ok());
        _app.Map("/{**path}", (HttpContext context) =>
        {
            _requests.Enqueue((context.Request.Headers["X-Tenant-Id"].FirstOrDefault(), context.Request.Path.Value ?? string.Empty));
            return Results.Json(new Dictionary<string, string> { ["status"] = "success", ["respuesta"] = Answer });
        });
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
