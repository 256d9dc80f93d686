using Microsoft.Extensions.Options;

namespace Sintestesia.Gateway.RateLimiting;

/// <summary>
/// Every <see cref="RateLimitOptions.SyncIntervalMilliseconds"/>, when limits are shared: writes this gateway's counts
/// and reads the other gateways' for the current minute. A database that does not answer leaves each gateway limiting on
/// its own (requests never wait for the database), is logged once, and is tried again on the next tick.
/// </summary>
internal sealed partial class SharedUsageSync(
    SharedUsage usage, UsageTable table, IOptions<RateLimitOptions> options, TimeProvider time, ILogger<SharedUsageSync> logger) : BackgroundService
{
    // Only the current and the just-ended minute are ever read; the rest are kept a while for whoever looks at the table.
    private const int KeptMinutes = 5;

    private long _prunedIn = -1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!usage.Enabled)
        {
            return;
        }

        var interval = TimeSpan.FromMilliseconds(options.Value.SyncIntervalMilliseconds);
        Log.Sharing(logger, usage.GatewayId, interval.TotalMilliseconds);
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            await SyncAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!usage.Enabled)
        {
            return;
        }

        // A gateway going away hands over what it admitted since its last sync, so the others do not admit it again.
        try
        {
            await table.SaveAsync(usage.GatewayId, usage.Unsaved(usage.CurrentMinute()), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.HandOverFailed(logger, e);
        }
    }

    private async Task SyncAsync(CancellationToken stoppingToken)
    {
        var minute = usage.CurrentMinute();
        try
        {
            var unsaved = usage.Unsaved(minute);
            await table.SaveAsync(usage.GatewayId, unsaved, stoppingToken);
            foreach (var count in unsaved)
            {
                count.MarkSaved();
            }

            usage.SetOthers(minute, await table.ReadOthersAsync(minute, usage.GatewayId, stoppingToken));
            if (_prunedIn != minute)
            {
                await table.PruneBeforeAsync(minute - KeptMinutes, stoppingToken);
                _prunedIn = minute;
            }

            if (usage.Synced())
            {
                Log.Back(logger);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (usage.SyncFailed(e.Message))
            {
                Log.Unavailable(logger, e);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(44, LogLevel.Information, "Rate limits are shared with the other gateways on the database as {GatewayId}, synced every {IntervalMs} ms")]
        public static partial void Sharing(ILogger logger, string gatewayId, double intervalMs);

        [LoggerMessage(45, LogLevel.Warning, "Rate-limit counts cannot be shared through the database; each gateway limits shops on its own until it answers")]
        public static partial void Unavailable(ILogger logger, Exception exception);

        [LoggerMessage(46, LogLevel.Information, "Rate-limit counts are shared through the database again")]
        public static partial void Back(ILogger logger);

        [LoggerMessage(47, LogLevel.Warning, "Stopping without handing this gateway's last rate-limit counts to the database; the other gateways may admit up to that many more this minute")]
        public static partial void HandOverFailed(ILogger logger, Exception exception);
    }
}
