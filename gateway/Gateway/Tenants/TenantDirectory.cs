using Sintestesia.TenantConfig.Lookup;

namespace Sintestesia.Gateway.Tenants;

/// <summary>
/// The gateway's current picture of all tenants. Requests read <see cref="Current"/> without locks; the
/// refresher swaps in a new immutable snapshot when the database changes, and keeps the last good one when
/// the database cannot be read.
/// </summary>
public sealed partial class TenantDirectory(TenantSnapshotSource source, TimeProvider time, ILogger<TenantDirectory> logger) : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile TenantSnapshot _current = TenantSnapshot.Empty;
    private volatile bool _loaded;
    private volatile string? _lastError;

    public TenantSnapshot Current => _current;

    /// <summary>True once a snapshot has been read from the database.</summary>
    public bool IsLoaded => _loaded;

    /// <summary>Why the last refresh failed, or null when the database answered.</summary>
    public string? LastError => _lastError;

    public DateTimeOffset? LastCheckedAt { get; private set; }

    /// <summary>Raised after a new snapshot is in place (bot-host pools are rebuilt from it).</summary>
    public event Action<TenantSnapshot>? Changed;

    /// <summary>Reloads if the database's change counter moved (or always, when <paramref name="force"/>).</summary>
    public async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (force || !_loaded)
            {
                var started = time.GetTimestamp();
                Publish(await source.LoadAsync(cancellationToken));
                Log.SnapshotLoaded(logger, _current.All.Count, _current.Version, time.GetElapsedTime(started).TotalMilliseconds);
            }
            else if (await source.ReadVersionAsync(cancellationToken) != _current.Version)
            {
                var started = time.GetTimestamp();
                var previous = _current;
                var next = await source.LoadChangesAsync(previous, cancellationToken);
                if (!ReferenceEquals(next, previous))
                {
                    Publish(next);
                    Log.SnapshotUpdated(logger, next.All.Count, previous.Version, next.Version, time.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            if (_lastError is not null)
            {
                Log.DatabaseBack(logger);
            }

            _lastError = null;
            LastCheckedAt = time.GetUtcNow();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (_lastError is null)
            {
                Log.RefreshFailed(logger, _current.All.Count, e);
            }

            _lastError = e.Message;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose() => _loading.Dispose();

    private void Publish(TenantSnapshot snapshot)
    {
        _current = snapshot;
        _loaded = true;
        Changed?.Invoke(snapshot);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Tenant snapshot loaded: {TenantCount} tenants, version {Version}, in {ElapsedMs:0.0} ms")]
        public static partial void SnapshotLoaded(ILogger logger, int tenantCount, long version, double elapsedMs);

        [LoggerMessage(4, LogLevel.Information, "Tenant snapshot updated: {TenantCount} tenants, version {FromVersion} to {ToVersion}, in {ElapsedMs:0.0} ms")]
        public static partial void SnapshotUpdated(ILogger logger, int tenantCount, long fromVersion, long toVersion, double elapsedMs);

        [LoggerMessage(2, LogLevel.Error, "Reading tenants from the database failed; still serving the last good snapshot of {TenantCount} tenants")]
        public static partial void RefreshFailed(ILogger logger, int tenantCount, Exception exception);

        [LoggerMessage(3, LogLevel.Information, "The tenant database answers again")]
        public static partial void DatabaseBack(ILogger logger);
    }
}
