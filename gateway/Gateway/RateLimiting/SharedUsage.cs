using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.Gateway.RateLimiting;

/// <summary>
/// The shared per-minute window: how many of each shop's requests this gateway admitted in the current minute (exact)
/// and how many the other gateways had admitted when <see cref="SharedUsageSync"/> last read them. A request is admitted
/// only while the two together stay under the shop's limit; the others' count only grows within a minute, so a stale
/// read can let too many through (at most what the others admitted since) but never refuses too many.
/// </summary>
internal sealed class SharedUsage(
    IOptions<RateLimitOptions> options, IOptions<DatabaseOptions> database, [FromKeyedServices(SharedUsage.ClockKey)] TimeProvider time)
{
    /// <summary>
    /// The clock of the windows: the gateway's own unless one is registered under this key. A test stops this one
    /// alone, so no test straddles two minutes, because the gateway's proofs to bot hosts need the real time.
    /// </summary>
    public const string ClockKey = "shared-rate-limit-windows";

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly string _defaultGatewayId = DefaultGatewayId();
    private readonly ConcurrentDictionary<(string TenantId, long Minute), MinuteCount> _own = new();
    private volatile OthersUsage _others = new(-1, new Dictionary<string, int>());
    private volatile SyncState _lastSync = SyncState.None;

    /// <summary>Read on use, not at construction, so a bad setting fails validation at start rather than while the pipeline is built.</summary>
    public bool Enabled => options.Value.Shared
        ?? string.Equals(database.Value.Provider, DatabaseOptions.Postgres, StringComparison.OrdinalIgnoreCase);

    public string GatewayId => options.Value.GatewayId ?? _defaultGatewayId;

    public SyncState LastSync => _lastSync;

    /// <summary>Whole minutes since the Unix epoch (UTC), the <c>window_minute</c> of <c>rate_limit_usage</c>.</summary>
    public long CurrentMinute() => time.GetUtcNow().ToUnixTimeSeconds() / 60;

    /// <summary>Seconds until the window of the current minute closes and a shop's count starts again.</summary>
    public int SecondsToNextMinute()
    {
        var now = time.GetUtcNow();
        var next = DateTimeOffset.UnixEpoch + ((CurrentMinute() + 1) * Minute);
        return Math.Max(1, (int)Math.Ceiling((next - now).TotalSeconds));
    }

    /// <summary>Counts <paramref name="permits"/> requests of the shop in this minute if all gateways together stay within its limit; null when they would not.</summary>
    public MinuteCount? TryAdmit(TenantLimit limit, int permits)
    {
        var minute = CurrentMinute();
        var others = _others;
        var byOthers = others.Minute == minute ? others.ByTenant.GetValueOrDefault(limit.TenantId) : 0;
        var count = _own.GetOrAdd((limit.TenantId, minute), static _ => new MinuteCount());
        return count.TryTake(permits, limit.PerMinute - byOthers) ? count : null;
    }

    /// <summary>
    /// This gateway's counts of the current and the just-ended minute that the database does not hold yet; counts of
    /// earlier minutes are dropped, their window is closed.
    /// </summary>
    public IReadOnlyList<UnsavedCount> Unsaved(long minute)
    {
        var unsaved = new List<UnsavedCount>();
        foreach (var ((tenantId, countMinute), count) in _own)
        {
            if (countMinute < minute - 1)
            {
                _own.TryRemove((tenantId, countMinute), out _);
            }
            else if (count.Admitted is var admitted && admitted != count.Saved)
            {
                unsaved.Add(new(tenantId, countMinute, admitted, count));
            }
        }

        return unsaved;
    }

    public void SetOthers(long minute, IReadOnlyDictionary<string, int> byTenant) => _others = new(minute, byTenant);

    /// <summary>Records a sync that reached the database; true when the previous one had not.</summary>
    public bool Synced()
    {
        var previous = _lastSync;
        _lastSync = new(previous.Syncs + 1, time.GetUtcNow(), null);
        return previous.Error is not null;
    }

    /// <summary>Records a sync that failed; true when it is the first since the database last answered.</summary>
    public bool SyncFailed(string error)
    {
        var previous = _lastSync;
        _lastSync = previous with { Error = error };
        return previous.Error is null;
    }

    // Containers often run the gateway as PID 1 and may share a host name; the random suffix keeps two of them apart.
    private static string DefaultGatewayId()
    {
        var machine = Environment.MachineName;
        return $"{machine[..Math.Min(machine.Length, 80)]}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
    }

    private sealed record OthersUsage(long Minute, IReadOnlyDictionary<string, int> ByTenant);
}
