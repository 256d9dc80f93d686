using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.Gateway.RateLimiting;

/// <summary>
/// The shops with a rate limit of their own (<c>tenant_clients.rate_limit_per_minute</c>), read whole and swapped
/// atomically; requests only read it. Values outside 1–100000 (plain SQL is not validated) are ignored, so such a shop
/// gets the default rather than being blocked or unlimited by accident.
/// </summary>
internal sealed partial class RateLimitOverrides(IDbContextFactory<TenantDbContext> contexts, ILogger<RateLimitOverrides> logger)
{
    private volatile Loaded _current = new(null, FrozenDictionary<string, int>.Empty);
    private bool _failing;

    /// <summary>The tenant directory version these overrides were read at; null before the first successful read.</summary>
    public long? Version => _current.Version;

    public int? PerMinuteOf(string tenantId) => _current.PerMinute.TryGetValue(tenantId, out var perMinute) ? perMinute : null;

    /// <summary>Reads the overrides; on failure keeps the last ones and returns false. Called by one refresher at a time.</summary>
    public async Task<bool> LoadAsync(long directoryVersion, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var rows = await db.Tenants.AsNoTracking().Where(t => t.RateLimitPerMinute != null)
                .Select(t => new { t.Id, t.RateLimitPerMinute }).ToListAsync(cancellationToken);
            foreach (var invalid in rows.Where(r => !TenantRules.IsValidRateLimit(r.RateLimitPerMinute)))
            {
                Log.InvalidOverride(logger, invalid.Id, invalid.RateLimitPerMinute);
            }

            var perMinute = rows.Where(r => TenantRules.IsValidRateLimit(r.RateLimitPerMinute))
                .ToFrozenDictionary(r => r.Id, r => r.RateLimitPerMinute!.Value, StringComparer.Ordinal);
            if (_current.Version is null || !perMinute.OrderBy(kv => kv.Key).SequenceEqual(_current.PerMinute.OrderBy(kv => kv.Key)))
            {
                Log.Loaded(logger, perMinute.Count);
            }

            _current = new(directoryVersion, perMinute);
            _failing = false;
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Once per outage: the refresher retries every tick, and the tenant directory already reports the database.
            if (!_failing)
            {
                Log.LoadFailed(logger, _current.PerMinute.Count, e);
            }

            _failing = true;
            return false;
        }
    }

    private sealed record Loaded(long? Version, FrozenDictionary<string, int> PerMinute);

    private static partial class Log
    {
        [LoggerMessage(40, LogLevel.Information, "Per-tenant rate limits loaded: {Count} tenants have a limit of their own")]
        public static partial void Loaded(ILogger logger, int count);

        [LoggerMessage(41, LogLevel.Warning, "Tenant {TenantId} has rate_limit_per_minute {Value}, which is not 1 to 100000; the gateway's default applies to it")]
        public static partial void InvalidOverride(ILogger logger, string tenantId, int? value);

        [LoggerMessage(42, LogLevel.Error, "Reading per-tenant rate limits failed; still applying the last {Count} read")]
        public static partial void LoadFailed(ILogger logger, int count, Exception exception);
    }
}
