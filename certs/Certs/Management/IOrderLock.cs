namespace Sintestesia.Certs;

/// <summary>
/// Lets one gateway at a time order a given name when several share a certificate store: the others wait for its
/// certificate to appear in the store instead of placing orders of their own.
/// </summary>
public interface IOrderLock
{
    /// <summary>Takes the lock for <paramref name="name"/>, or returns <see langword="null"/> when another process holds it.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken);
}

/// <summary>For a store no other process orders into (files on one machine): always acquired.</summary>
public sealed class ProcessOrderLock : IOrderLock
{
    /// <summary>The one instance.</summary>
    public static readonly ProcessOrderLock Instance = new();

    private ProcessOrderLock()
    {
    }

    /// <inheritdoc />
    public Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(Released.Instance);

    private sealed class Released : IAsyncDisposable
    {
        public static readonly Released Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
