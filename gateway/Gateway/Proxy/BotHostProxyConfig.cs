using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Sintestesia.Gateway.Configuration;
using Yarp.ReverseProxy.Configuration;

namespace Sintestesia.Gateway.Proxy;

/// <summary>
/// YARP's routes and clusters: a handful of route kinds and the bot-host pool, never one route per tenant
/// (each route change rebuilds ASP.NET's routing table; tenants are resolved from an in-memory snapshot instead).
/// Immutable: a new configuration would be swapped in whole, as YARP's in-memory provider does.
/// </summary>
internal sealed class BotHostProxyConfig(IOptions<GatewayOptions> options) : IProxyConfigProvider
{
    public const string DefaultPool = "bot-hosts";

    private readonly Snapshot _config = Build(options.Value);

    public IProxyConfig GetConfig() => _config;

    private static Snapshot Build(GatewayOptions options)
    {
        RouteConfig Route(string id, string path, string kind, int order, params string[] methods) => new()
        {
            RouteId = id,
            ClusterId = DefaultPool,
            Order = order,
            Match = new RouteMatch { Path = path, Methods = methods },
            Metadata = new Dictionary<string, string> { [RouteKinds.MetadataKey] = kind },
        };

        var routes = new[]
        {
            Route("tenant-by-host", "/bot/{**rest}", RouteKinds.Host, 1, "GET", "POST"),
            Route("tenant-by-path", "/webhook/{slug}", RouteKinds.Path, 2, "POST"),
            Route("tenant-legacy", "/webhook", RouteKinds.Legacy, 3, "POST"),
            Route("admin-outbound", "/admin/tenants/{id}/messages", RouteKinds.AdminOutbound, 4, "POST"),
        };

        var cluster = new ClusterConfig
        {
            ClusterId = DefaultPool,
            LoadBalancingPolicy = "PowerOfTwoChoices",
            Destinations = options.BotHosts
                .Select((url, i) => (Key: $"bot-host-{i + 1}", Value: new DestinationConfig { Address = url }))
                .ToDictionary(d => d.Key, d => d.Value),
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = TimeSpan.FromSeconds(options.HealthCheckIntervalSeconds),
                    Timeout = TimeSpan.FromSeconds(2),
                    Policy = "ConsecutiveFailures",
                    Path = "/healthz",
                },
                Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = "TransportFailureRate", ReactivationPeriod = TimeSpan.FromSeconds(10) },
            },
            HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(30) },
        };

        return new Snapshot(routes, [cluster]);
    }

    private sealed class Snapshot(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters) : IProxyConfig
    {
        public IReadOnlyList<RouteConfig> Routes { get; } = routes;
        public IReadOnlyList<ClusterConfig> Clusters { get; } = clusters;

        // Never changes for now; pools from the database will cancel a real token here.
        public IChangeToken ChangeToken { get; } = new CancellationChangeToken(CancellationToken.None);
    }
}
