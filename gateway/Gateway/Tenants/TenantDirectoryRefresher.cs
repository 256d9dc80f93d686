using Microsoft.Extensions.Options;
using Sintestesia.Gateway.Configuration;

namespace Sintestesia.Gateway.Tenants;

/// <summary>Loads tenants before the gateway listens, then polls the change counter so plain-SQL edits go live in well under 2 s.</summary>
internal sealed class TenantDirectoryRefresher(TenantDirectory directory, IOptions<GatewayOptions> options, TimeProvider time) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await directory.RefreshAsync(force: true, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.RefreshIntervalMilliseconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await directory.RefreshAsync(force: false, stoppingToken);
        }
    }
}
