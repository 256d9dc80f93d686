using Microsoft.Extensions.Options;
using Sintestesia.Gateway.Configuration;
using Sintestesia.Gateway.Tenants;

namespace Sintestesia.Gateway.RateLimiting;

/// <summary>
/// Rereads the per-tenant rate limits whenever the tenant directory moves to a new version (database triggers bump it
/// on every change to <c>tenant_clients</c>), so a limit set by the admin API, tenantctl or plain SQL applies within
/// about one refresh interval, without a query of its own per tick.
/// </summary>
internal sealed class RateLimitOverridesRefresher(
    RateLimitOverrides overrides, TenantDirectory directory, IOptions<GatewayOptions> options, TimeProvider time) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await overrides.LoadAsync(directory.Current.Version, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.RefreshIntervalMilliseconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // The version is read before the rows, so a change that lands in between is read again on the next tick.
            var version = directory.Current.Version;
            if (overrides.Version != version)
            {
                await overrides.LoadAsync(version, stoppingToken);
            }
        }
    }
}
