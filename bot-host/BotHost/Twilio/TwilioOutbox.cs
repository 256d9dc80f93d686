using System.Threading.Channels;

namespace Sintestesia.BotHost.Twilio;

/// <summary>
/// A stored outbound message to send through Twilio's REST API: free text (<paramref name="Body"/>) or an approved
/// template (<paramref name="ContentSid"/> with its variables as JSON). <paramref name="To"/> is an E.164 number.
/// </summary>
internal sealed record OutboundSend(
    string TenantId, long MessageId, string To, string? Body, string? ContentSid = null, string? ContentVariables = null);

/// <summary>
/// The in-process queue between whoever stores an outbound message (a webhook past its budget, the ops API) and
/// <see cref="TwilioOutboxWorker"/>, which sends it; no HTTP request's lifetime reaches past it.
/// </summary>
internal sealed class TwilioOutbox
{
    private readonly Channel<OutboundSend> _queue = Channel.CreateUnbounded<OutboundSend>();

    public ChannelReader<OutboundSend> Reader => _queue.Reader;

    /// <returns>False once the host is stopping and the queue takes nothing more.</returns>
    public bool TryEnqueue(OutboundSend send) => _queue.Writer.TryWrite(send);

    public void Complete() => _queue.Writer.TryComplete();
}
