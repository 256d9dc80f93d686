using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Sintestesia.Certs.Tests.Acme;

/// <summary>The few Cloudflare API v4 routes the DNS provider uses, on a loopback Kestrel, for one zone.</summary>
public sealed class FakeCloudflareApi : IAsyncDisposable
{
    public const string Token = "test-token";
    public const string ZoneName = "sintestesia.test";
    private const string ZoneId = "zone-1";

    private readonly WebApplication _app;

    private FakeCloudflareApi(WebApplication app) => _app = app;

    public ConcurrentDictionary<string, (string Name, string Content)> Records { get; } = new();

    public Uri ApiUrl { get; private set; } = null!;

    public static async Task<FakeCloudflareApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeCloudflareApi(app);
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization != "Bearer " + Token)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new { success = false });
                return;
            }

            await next(context);
        });
        app.MapGet("/client/v4/zones", (string name) => Ok(name == ZoneName ? [new JsonObject { ["id"] = ZoneId }] : []));
        app.MapGet("/client/v4/zones/{zone}/dns_records", (string zone, string name) =>
            Ok([.. fake.Records.Where(r => zone == ZoneId && r.Value.Name == name).Select(r => new JsonObject { ["id"] = r.Key })]));
        app.MapPost("/client/v4/zones/{zone}/dns_records", (string zone, JsonObject body) =>
        {
            fake.Records[Guid.NewGuid().ToString("N")] = ((string)body["name"]!, (string)body["content"]!);
            return Ok([]);
        });
        app.MapDelete("/client/v4/zones/{zone}/dns_records/{id}", (string zone, string id) =>
        {
            fake.Records.TryRemove(id, out _);
            return Ok([]);
        });
        await app.StartAsync();
        var address = app.Urls.Single();
        fake.ApiUrl = new Uri(address + "/client/v4/");
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<JsonObject> Ok(JsonObject[] result) =>
        TypedResults.Json(new JsonObject { ["success"] = true, ["result"] = new JsonArray([.. result]) });
}
