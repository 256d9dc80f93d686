using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sintestesia.Certs;

/// <summary>
/// Checks certificates every <see cref="RenewalOptions.CheckIntervalMinutes"/> (±10 % at random, so gateways started
/// together do not order together) and orders what is due, including a configured wildcard that is still missing.
/// </summary>
public sealed partial class CertificateRenewalService(
    CertificateManager manager,
    CertificateOptions options,
    TimeProvider time,
    ILogger<CertificateRenewalService> logger) : BackgroundService
{
    private int _completedChecks;

    /// <summary>Checks finished since start; each is counted once the wait for the next one is armed.</summary>
    public int CompletedChecks => Volatile.Read(ref _completedChecks);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!manager.AcmeEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var renewed = await manager.RenewAsync(force: false, stoppingToken);
                if (renewed > 0)
                {
                    Log.Renewed(logger, renewed);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed check must never stop the gateway: log it and check again later.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.CheckFailed(logger, ex);
            }

            var next = Task.Delay(NextWait(), time, stoppingToken);
            Interlocked.Increment(ref _completedChecks);
            try
            {
                await next;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private TimeSpan NextWait()
    {
        var interval = TimeSpan.FromMinutes(options.Renewal.CheckIntervalMinutes);
        var jitterPercent = RandomNumberGenerator.GetInt32(-10, 11);
        return interval + (interval * jitterPercent / 100);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Certificate check: {Count} certificate(s) ordered")]
        public static partial void Renewed(ILogger logger, int count);

        [LoggerMessage(2, LogLevel.Error, "Certificate check failed; serving what is stored and checking again later")]
        public static partial void CheckFailed(ILogger logger, Exception exception);
    }
}
