using System.Net;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Sintestesia.Gateway.Bench;

/// <summary>
/// The reference point: YARP with one wildcard route and an in-memory Host → tenant table, adding
/// <c>X-Tenant-Id</c> and nothing else (no body reading, rate limits, proof or logging). The gateway's own cost is
/// its distance from this; this one's distance from nginx is YARP's.
/// </summary>
internal static class PlainYarp
{
    private const string TenantHeader = "X-Tenant-Id";

    public static async Task<int> RunAsync(int port, Uri upstream, string database, string baseDomain)
    {
        var tenantByHost = await ReadTenantsAsync(database, baseDomain);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port);
        });
        builder.Services.AddReverseProxy()
            .LoadFromMemory(
                [new RouteConfig { RouteId = "all", ClusterId = "bots", Match = new RouteMatch { Path = "{**catch-all}" } }],
                [new ClusterConfig { ClusterId = "bots", Destinations = new Dictionary<string, DestinationConfig> { ["one"] = new() { Address = upstream.ToString() } } }])
            .AddTransforms(context => context.AddRequestTransform(transform =>
            {
                transform.ProxyRequest.Headers.Remove(TenantHeader);
                transform.ProxyRequest.Headers.TryAddWithoutValidation(TenantHeader, (string)transform.HttpContext.Items[TenantHeader]!);
                return ValueTask.CompletedTask;
            }));

        await using var app = builder.Build();
        app.Use((context, next) =>
        {
            if (!tenantByHost.TryGetValue(context.Request.Host.Host, out var tenantId))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            context.Items[TenantHeader] = tenantId;
            return next(context);
        });
        app.MapReverseProxy();
        await app.RunAsync();
        return 0;
    }

    private static async Task<Dictionary<string, string>> ReadTenantsAsync(string database, string baseDomain)
    {
        var tenantByHost = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await using var connection = await TenantSeeder.OpenAsync(database);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT id, slug FROM tenant_clients WHERE status = 'active'";
        await using var rows = await select.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            tenantByHost[$"{rows.GetString(1)}.{baseDomain}"] = rows.GetString(0);
        }

        return tenantByHost;
    }
}
