using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Sintestesia.Gateway.Configuration;
using Sintestesia.Gateway.Tenants;
using Sintestesia.TenantConfig.Lookup;
using Yarp.ReverseProxy.Configuration;

namespace Sintestesia.Gateway.Proxy;

/// <summary>
/// YARP's routes and clusters: a handful of route kinds, the default bot-host pool from configuration and one cluster
/// per pool in <c>bot_pools</c>; never one route per tenant (each route change rebuilds ASP.NET's routing table;
/// tenants are resolved from an in-memory snapshot instead). Rebuilt, and swapped in whole, when the pools change.
/// </summary>
internal sealed partial class BotHostProxyConfig : IProxyConfigProvider, IDisposable
{
    public const string DefaultPool = "bot-hosts";

    private const string PoolPrefix = "pool-";

    private readonly GatewayOptions _options;
    private readonly TenantDirectory _directory;
    private readonly ILogger<BotHostProxyConfig> _logger;
    private readonly Lock _swapping = new();
    private Snapshot _config;

    public BotHostProxyConfig(IOptions<GatewayOptions> options, TenantDirectory directory, ILogger<BotHostProxyConfig> logger)
    {
        _options = options.Value;
        _directory = directory;
        _logger = logger;
        _config = Build(directory.Current.BotPools);
        directory.Changed += OnDirectoryChanged;
    }

    /// <summary>The YARP cluster serving <paramref name="tenant"/>: its pool when that pool has destinations, else the default.</summary>
    public static string ClusterFor(TenantRecord tenant, TenantSnapshot snapshot) =>
        tenant.BotPool is { } pool && snapshot.BotPools.ContainsKey(pool) ? PoolPrefix + pool : DefaultPool;

    public IProxyConfig GetConfig() => _config;

    public void Dispose()
    {
        _directory.Changed -= OnDirectoryChanged;
        _config.Dispose();
    }

    private void OnDirectoryChanged(TenantSnapshot snapshot)
    {
        lock (_swapping)
        {
            if (SamePools(_config.Pools, snapshot.BotPools))
            {
                return;
            }

            var previous = _config;
            _config = Build(snapshot.BotPools);
            Log.PoolsChanged(_logger, snapshot.BotPools.Count, string.Join(", ", snapshot.BotPools.Keys));
            previous.SignalChange();
        }
    }

    private static bool SamePools(IReadOnlyDictionary<string, IReadOnlyList<string>> a, IReadOnlyDictionary<string, IReadOnlyList<string>> b) =>
        a.Count == b.Count && a.All(pool => b.TryGetValue(pool.Key, out var other) && pool.Value.SequenceEqual(other, StringComparer.Ordinal));

    private Snapshot Build(IReadOnlyDictionary<string, IReadOnlyList<string>> pools)
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

        var clusters = new List<ClusterConfig> { Cluster(DefaultPool, _options.BotHosts) };
        var usable = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (pool, addresses) in pools)
        {
            // Rows written by plain SQL are not validated: a bad address is left out (and said), never fatal.
            var valid = addresses.Where(IsDestination).ToArray();
            foreach (var bad in addresses.Except(valid, StringComparer.Ordinal))
            {
                Log.BadDestination(_logger, pool, bad);
            }

            if (valid.Length > 0)
            {
                clusters.Add(Cluster(PoolPrefix + pool, valid));
            }

            usable[pool] = addresses;
        }

        return new Snapshot(routes, clusters, usable);
    }

    private static bool IsDestination(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);

    private ClusterConfig Cluster(string id, IEnumerable<string> addresses) => new()
    {
        ClusterId = id,
        LoadBalancingPolicy = "PowerOfTwoChoices",
        Destinations = addresses
            .Select((url, i) => (Key: $"{id}-{i + 1}", Value: new DestinationConfig { Address = url }))
            .ToDictionary(d => d.Key, d => d.Value),
        HealthCheck = new HealthCheckConfig
        {
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = TimeSpan.FromSeconds(_options.HealthCheckIntervalSeconds),
                Timeout = TimeSpan.FromSeconds(2),
                Policy = "ConsecutiveFailures",
                Path = "/healthz",
            },
            Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = "TransportFailureRate", ReactivationPeriod = TimeSpan.FromSeconds(10) },
        },
        HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(30) },
        // Kestrel accepts UTF-8 header values; forwarding them as ASCII would fail before the bot host, count as a
        // transport failure and let one client's junk headers take healthy bot hosts out of rotation.
        HttpClient = new HttpClientConfig { RequestHeaderEncoding = "utf-8" },
    };

    private sealed class Snapshot(
        IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters, IReadOnlyDictionary<string, IReadOnlyList<string>> pools)
        : IProxyConfig, IDisposable
    {
        private readonly CancellationTokenSource _changed = new();

        public IReadOnlyList<RouteConfig> Routes { get; } = routes;

        public IReadOnlyList<ClusterConfig> Clusters { get; } = clusters;

        public IReadOnlyDictionary<string, IReadOnlyList<string>> Pools { get; } = pools;

        public IChangeToken ChangeToken => new CancellationChangeToken(_changed.Token);

        public void SignalChange() => _changed.Cancel();

        public void Dispose() => _changed.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Bot-host pools changed: {Count} pool(s) {Pools}; YARP clusters rebuilt")]
        public static partial void PoolsChanged(ILogger logger, int count, string pools);

        [LoggerMessage(2, LogLevel.Warning, "Bot pool {Pool} lists '{Address}', which is not an http(s) URL; it is left out")]
        public static partial void BadDestination(ILogger logger, string pool, string address);
    }
}
