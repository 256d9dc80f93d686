using System.Globalization;
using System.Text;
using Sintestesia.Certs;
using Sintestesia.Gateway.FastPath;
using Sintestesia.Gateway.Proxy;
using Sintestesia.Gateway.RateLimiting;
using Sintestesia.Gateway.Tenants;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Sintestesia.Gateway.Api;

/// <summary>Liveness, readiness (tenants loaded and a healthy bot host) and Prometheus-style metrics.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok"));
        app.MapGet("/readyz", (TenantDirectory directory, IProxyStateLookup proxy, SharedUsage rateLimits, IServiceProvider services) =>
        {
            var readiness = Read(directory, proxy, services.GetService<CertificateManager>(), rateLimits);
            return TypedResults.Json(readiness, Http.GatewayJson.Default.ReadinessResponse,
                statusCode: readiness.Status == "ready" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/metrics", (TenantDirectory directory, IProxyStateLookup proxy, SharedUsage rateLimits, FastLane fastLane, IServiceProvider services) =>
        {
            var certificates = services.GetService<CertificateManager>();
            var r = Read(directory, proxy, certificates, rateLimits);
            var text = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"sintestesia_gateway_tenants {r.Tenants}")
                .AppendLine(CultureInfo.InvariantCulture, $"sintestesia_gateway_snapshot_version {r.SnapshotVersion}")
                .AppendLine(CultureInfo.InvariantCulture, $"sintestesia_gateway_database_up {(directory.LastError is null ? 1 : 0)}")
                .AppendLine(CultureInfo.InvariantCulture, $"sintestesia_gateway_bot_hosts_healthy {r.HealthyBotHosts}")
                .AppendLine(CultureInfo.InvariantCulture, $"sintestesia_gateway_bot_hosts {r.BotHosts}")
                .AppendLine(CultureInfo.InvariantCulture, $"sintestesia_gateway_certificates {r.Certificates.Count}")
                .AppendLine(CultureInfo.InvariantCulture, $"sintestesia_gateway_certificates_renewal_due {r.Certificates.RenewalDue}")
                .AppendLine(CultureInfo.InvariantCulture, $"sintestesia_gateway_certificates_expired {r.Certificates.Expired}")
                .AppendLine(CultureInfo.InvariantCulture, $"sintestesia_gateway_certificate_orders_failing {r.Certificates.Failing}")
                .AppendLine(CultureInfo.InvariantCulture, $"sintestesia_gateway_certificate_orders_total {certificates?.OrdersPlaced ?? 0}")
                .AppendLine(CultureInfo.InvariantCulture, $"sintestesia_gateway_rate_limit_shared {(r.RateLimits.Sharing == "on" ? 1 : 0)}")
                .AppendLine(CultureInfo.InvariantCulture, $"sintestesia_gateway_rate_limit_syncs_total {r.RateLimits.Syncs}")
                .AppendLine(CultureInfo.InvariantCulture, $"sintestesia_gateway_rate_limit_last_sync_timestamp_seconds {r.RateLimits.LastSyncAt?.ToUnixTimeSeconds() ?? 0}")
                .AppendLine(CultureInfo.InvariantCulture, $"sintestesia_gateway_fast_path_requests_total {fastLane.Forwarded}")
                .AppendLine(CultureInfo.InvariantCulture, $"sintestesia_gateway_fast_path_handoffs_total {fastLane.HandedOff}")
                .ToString();
            return TypedResults.Text(text, "text/plain; version=0.0.4");
        });
        return app;
    }

    private static Api.ReadinessResponse Read(TenantDirectory directory, IProxyStateLookup proxy, CertificateManager? certificates, SharedUsage rateLimits)
    {
        var destinations = proxy.TryGetCluster(BotHostProxyConfig.DefaultPool, out var cluster)
            ? cluster.Destinations.Values.ToList()
            : [];
        var healthy = destinations.Count(d => d.Health.Active != DestinationHealth.Unhealthy && d.Health.Passive != DestinationHealth.Unhealthy);
        var database = directory.LastError is null ? "ok" : "unavailable; serving the last good snapshot";
        var ready = directory.IsLoaded && healthy > 0;
        return new Api.ReadinessResponse(ready ? "ready" : "not_ready", directory.Current.All.Count, directory.Current.Version, database,
            healthy, destinations.Count, Certificates(certificates), RateLimits(rateLimits));
    }

    private static RateLimitsReadiness RateLimits(SharedUsage usage)
    {
        if (!usage.Enabled)
        {
            return new RateLimitsReadiness("off", null, 0, null);
        }

        var sync = usage.LastSync;
        return new RateLimitsReadiness(sync.Error is null ? "on" : "unavailable; limiting locally", usage.GatewayId, sync.Syncs, sync.LastSyncAt);
    }

    private static CertificatesReadiness Certificates(CertificateManager? certificates)
    {
        if (certificates is null)
        {
            return new CertificatesReadiness("off", "off", 0, 0, 0, 0, 0);
        }

        var all = certificates.Status();
        return new CertificatesReadiness(
            "on",
            certificates.AcmeEnabled ? "on" : "off",
            all.Count(c => c.State != "missing"),
            all.Count(c => c.State == "valid"),
            all.Count(c => c.State == "renewal_due"),
            all.Count(c => c.State == "expired"),
            all.Count(c => c.LastError is not null));
    }
}
