using System.IO.Pipelines;

namespace Sintestesia.Gateway.FastPath;

/// <summary>
/// What may end the wait for a client's next bytes: a deadline (keep-alive, or the request time while a body
/// arrives) or the server stopping. Either makes the pending read return as cancelled; one timer per connection, moved
/// for each wait. Once the deadline has passed, the connection is closed.
/// </summary>
internal sealed class ClientReads : IDisposable
{
    private readonly PipeReader _input;
    private readonly CancellationTokenSource _timer = new();
    private readonly CancellationTokenRegistration _registration;
    private volatile bool _stopping;

    public ClientReads(PipeReader input)
    {
        _input = input;
        _registration = _timer.Token.UnsafeRegister(static state => ((PipeReader)state!).CancelPendingRead(), input);
    }

    public bool Expired => _timer.IsCancellationRequested;

    /// <summary>The server is stopping: no request is started on this connection any more.</summary>
    public bool Stopping => _stopping;

    public void Expire(TimeSpan after) => _timer.CancelAfter(after);

    public void Clear() => _timer.CancelAfter(Timeout.InfiniteTimeSpan);

    public void Stop()
    {
        _stopping = true;
        _input.CancelPendingRead();
    }

    public void Dispose()
    {
        _registration.Dispose();
        _timer.Dispose();
    }
}
