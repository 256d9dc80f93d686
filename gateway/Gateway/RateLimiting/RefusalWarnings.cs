using System.Collections.Concurrent;

namespace Sintestesia.Gateway.RateLimiting;

/// <summary>
/// Which refusals get a log line: the first of each tenant in every minute, carrying how many were refused silently
/// since the previous line. A tenant hammering the gateway costs one line a minute, not one per request.
/// </summary>
internal sealed class RefusalWarnings(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, TenantWindow> _byTenant = new(StringComparer.Ordinal);

    /// <summary>True when this refusal should be logged; then <paramref name="silentSince"/> counts the ones that were not.</summary>
    public bool ShouldLog(string tenantId, out long silentSince)
    {
        var window = _byTenant.GetOrAdd(tenantId, static _ => new TenantWindow());
        var now = time.GetTimestamp();
        lock (window.Gate)
        {
            if (window.LoggedAt is { } loggedAt && time.GetElapsedTime(loggedAt, now) < Window)
            {
                window.Silent++;
                silentSince = 0;
                return false;
            }

            silentSince = window.Silent;
            window.Silent = 0;
            window.LoggedAt = now;
            return true;
        }
    }

    private sealed class TenantWindow
    {
        public Lock Gate { get; } = new();

        public long? LoggedAt { get; set; }

        public long Silent { get; set; }
    }
}
