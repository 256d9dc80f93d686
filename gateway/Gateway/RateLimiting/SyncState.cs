namespace Sintestesia.Gateway.RateLimiting;

/// <summary>Successful syncs so far, when the last one was, and why the latest attempt failed (null when it did not).</summary>
internal sealed record SyncState(long Syncs, DateTimeOffset? LastSyncAt, string? Error)
{
    public static readonly SyncState None = new(0, null, null);
}
