using System.IO.Pipelines;

namespace Sintestesia.Gateway.FastPath;

/// <summary>
/// A time limit on the client's pending read: when it passes, the read returns as cancelled. One per connection, set
/// again for each wait (CancelAfter moves the same timer); once it has passed, the connection is closed.
/// </summary>
internal sealed class ReadDeadline : IDisposable
{
    private readonly CancellationTokenSource _timer = new();
    private readonly CancellationTokenRegistration _registration;

    public ReadDeadline(PipeReader input) =>
        _registration = _timer.Token.UnsafeRegister(static state => ((PipeReader)state!).CancelPendingRead(), input);

    public bool Expired => _timer.IsCancellationRequested;

    public void Set(TimeSpan after) => _timer.CancelAfter(after);

    public void Clear() => _timer.CancelAfter(Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _registration.Dispose();
        _timer.Dispose();
    }
}
