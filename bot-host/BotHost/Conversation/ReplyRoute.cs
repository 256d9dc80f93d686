namespace Sintestesia.BotHost.Conversation;

/// <summary>
/// Decides, exactly once, how an answer leaves: in the webhook's own response (inline), or later through the
/// provider's API because the webhook had to answer before the reply was ready (deferred). Both sides race for
/// it — the conversation just before storing its answer, the webhook when its budget runs out — and the first wins,
/// so an answer is never both returned inline and sent again.
/// </summary>
public sealed class ReplyRoute
{
    /// <summary>Stored status of an answer that waits to be sent through the provider's API.</summary>
    public const string QueuedStatus = "queued";

    private const int Pending = 0;
    private const int InlineState = 1;
    private const int DeferredState = 2;
    private int _state;

    public bool IsDeferred => Volatile.Read(ref _state) == DeferredState;

    /// <returns>True when the answer goes back inline (now, or already decided so).</returns>
    public bool TryInline() => Interlocked.CompareExchange(ref _state, InlineState, Pending) != DeferredState;

    /// <returns>True when the answer will be sent later (now, or already decided so).</returns>
    public bool TryDefer() => Interlocked.CompareExchange(ref _state, DeferredState, Pending) != InlineState;
}
