using Microsoft.Extensions.Options;

namespace Sintestesia.BotHost.Twilio;

/// <summary>
/// Sends what <see cref="TwilioOutbox"/> holds, several at a time. On shutdown it takes nothing new but finishes
/// what is queued while the host's shutdown timeout allows.
/// </summary>
internal sealed partial class TwilioOutboxWorker(
    TwilioOutbox outbox, TwilioSender sender, IOptions<TwilioOptions> options, ILogger<TwilioOutboxWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // The queue, not the stopping token, ends the loop: completing it on shutdown lets queued replies drain.
        Parallel.ForEachAsync(outbox.Reader.ReadAllAsync(CancellationToken.None),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentSends },
            async (send, _) =>
            {
                try
                {
                    await sender.SendAsync(send, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    Log.Abandoned(logger, send.TenantId, send.MessageId);
                }
#pragma warning disable CA1031 // One message's unexpected failure must not stop every later reply.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Log.Crashed(logger, e, send.TenantId, send.MessageId);
                }
            });

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        outbox.Complete();
        if (ExecuteTask is { } running)
        {
            try
            {
                await running.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Log.ShutdownTimedOut(logger);
            }
        }

        await base.StopAsync(cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Tenant {TenantId}: outbound message {MessageId} was not sent: the host stopped first")]
        public static partial void Abandoned(ILogger logger, string tenantId, long messageId);

        [LoggerMessage(2, LogLevel.Error, "Tenant {TenantId}: sending outbound message {MessageId} failed unexpectedly")]
        public static partial void Crashed(ILogger logger, Exception exception, string tenantId, long messageId);

        [LoggerMessage(3, LogLevel.Warning, "Shutdown timed out with Twilio replies still queued; they stay stored as queued")]
        public static partial void ShutdownTimedOut(ILogger logger);
    }
}
