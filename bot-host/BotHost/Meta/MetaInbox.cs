using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Sintestesia.BotHost.Meta;

/// <summary>An accepted event and the tenant it was verified for.</summary>
internal sealed record MetaWork(string TenantId, MetaEvent Event, string OrderKey);

/// <summary>
/// Meta retries any webhook not answered 200 promptly, so the webhook only verifies and queues; workers answer.
/// One queue per worker, chosen by the shopper, keeps each shopper's messages in order while shoppers run in
/// parallel. On shutdown the queues stop taking work and drain until the host's shutdown timeout.
/// </summary>
internal sealed partial class MetaInbox : IHostedService, IDisposable
{
    private readonly Channel<MetaWork>[] _queues;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<MetaInbox> _logger;
    private readonly CancellationTokenSource _abort = new();
    private Task[] _workers = [];

    public MetaInbox(IOptions<MetaOptions> options, IServiceScopeFactory scopes, ILogger<MetaInbox> logger)
    {
        var o = options.Value;
        var perQueue = Math.Max(1, o.QueueCapacity / o.Workers);
        _queues = [.. Enumerable.Range(0, o.Workers).Select(_ => Channel.CreateBounded<MetaWork>(
            new BoundedChannelOptions(perQueue) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait }))];
        _scopes = scopes;
        _logger = logger;
    }

    /// <returns>False when the queue is full (or the host is stopping); the webhook then asks Meta to retry.</returns>
    public bool TryAccept(MetaWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var queue = _queues[(int)((uint)StringComparer.Ordinal.GetHashCode(work.OrderKey) % (uint)_queues.Length)];
        return queue.Writer.TryWrite(work);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _workers = [.. _queues.Select(q => Task.Run(() => RunAsync(q.Reader), CancellationToken.None))];
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in _queues)
        {
            queue.Writer.TryComplete();
        }

        try
        {
            await Task.WhenAll(_workers).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            var left = _queues.Sum(q => q.Reader.Count);
            Log.Abandoned(_logger, left);
            await _abort.CancelAsync();
        }
    }

    public void Dispose() => _abort.Dispose();

    private async Task RunAsync(ChannelReader<MetaWork> reader)
    {
        await foreach (var work in reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<MetaEventHandler>().HandleAsync(work.TenantId, work.Event, _abort.Token);
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One failing message must not stop the worker that serves other shoppers.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.Failed(_logger, e, work.TenantId, work.Event.GetType().Name, work.Event.PhoneNumberId);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Tenant {TenantId}: Meta {EventKind} for number {PhoneNumberId} failed")]
        public static partial void Failed(ILogger logger, Exception exception, string tenantId, string eventKind, string phoneNumberId);

        [LoggerMessage(2, LogLevel.Warning, "Shutdown timeout reached with {Count} accepted Meta events not yet handled")]
        public static partial void Abandoned(ILogger logger, int count);
    }
}
