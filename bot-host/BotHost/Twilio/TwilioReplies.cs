using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Sintestesia.BotHost.Conversation;

namespace Sintestesia.BotHost.Twilio;

/// <summary>
/// Answers a Twilio webhook within <c>Twilio:ReplyBudgetSeconds</c>. The answer is worked out apart from the request
/// (its own scope, the host's lifetime); when it is not ready in time — or the caller hangs up — the webhook gets an
/// empty <c>&lt;Response/&gt;</c> and the stored answer goes to <see cref="TwilioOutbox"/> once it is ready.
/// On shutdown, answers still being worked out are awaited so they are stored and queued, not lost.
/// </summary>
internal sealed partial class TwilioReplies(
    IServiceScopeFactory scopes, TwilioOutbox outbox, IOptions<TwilioOptions> options, TimeProvider time, ILogger<TwilioReplies> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _running = new();

    /// <returns>
    /// The reply to put in TwiML (null text: an empty <c>&lt;Response/&gt;</c>, also when the answer will follow through
    /// the REST API), or null when the tenant no longer exists.
    /// </returns>
    public async Task<ConversationReply?> AnswerAsync(InboundMessage message, CancellationToken requestAborted)
    {
        var route = new ReplyRoute();
        var work = Task.Run(() => RunAsync(message, route), CancellationToken.None);
        _running.TryAdd(work, true);
        _ = work.ContinueWith(done => _running.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            return await work.WaitAsync(TimeSpan.FromSeconds(options.Value.ReplyBudgetSeconds), time, requestAborted);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && requestAborted.IsCancellationRequested))
        {
            if (route.TryDefer())
            {
                Log.Deferred(logger, message.TenantId, message.ProviderMessageId, e is TimeoutException ? "the reply budget ran out" : "the caller hung up");
                requestAborted.ThrowIfCancellationRequested();
                return new ConversationReply(null, null, Repeated: false);
            }

            // The answer claimed the inline route a moment ago; storing it is all that is left.
            return await work;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _stopping.CancelAsync();
        }
#pragma warning disable CA1031 // Failed answers were logged where they failed; shutdown only waits for them.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task<ConversationReply?> RunAsync(InboundMessage message, ReplyRoute route)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var reply = await scope.ServiceProvider.GetRequiredService<ConversationService>().HandleAsync(message, route, _stopping.Token);
            if (route.IsDeferred && reply is { Repeated: false, Text: { } text, OutboundId: { } id })
            {
                if (outbox.TryEnqueue(new OutboundSend(message.TenantId, id, message.Phone, text)))
                {
                    Log.Queued(logger, message.TenantId, id);
                }
                else
                {
                    Log.NotQueued(logger, message.TenantId, id);
                }
            }

            return reply;
        }
        catch (Exception e) when (route.IsDeferred)
        {
            // Nobody awaits a deferred answer any more: this log line is all that is left of the failure.
            Log.DeferredFailed(logger, e, message.TenantId, message.ProviderMessageId);
            throw;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Tenant {TenantId}: answer to {MessageSid} will follow through the REST API: {Reason}")]
        public static partial void Deferred(ILogger logger, string tenantId, string? messageSid, string reason);

        [LoggerMessage(2, LogLevel.Information, "Tenant {TenantId}: late answer {MessageId} queued for the REST API")]
        public static partial void Queued(ILogger logger, string tenantId, long messageId);

        [LoggerMessage(3, LogLevel.Warning, "Tenant {TenantId}: late answer {MessageId} stays stored as queued: the host is stopping")]
        public static partial void NotQueued(ILogger logger, string tenantId, long messageId);

        [LoggerMessage(4, LogLevel.Error, "Tenant {TenantId}: the late answer to {MessageSid} failed")]
        public static partial void DeferredFailed(ILogger logger, Exception exception, string tenantId, string? messageSid);
    }
}
