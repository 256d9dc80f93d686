using System.ComponentModel.DataAnnotations;
using Sintestesia.TenantConfig.Administration;

namespace Sintestesia.Gateway.RateLimiting;

/// <summary>
/// Section <c>Gateway:RateLimit</c>: how many webhook requests a shop may send. Each shop has a token bucket of
/// <see cref="Burst"/> requests that refills at <see cref="PerMinute"/>; <c>tenant_clients.rate_limit_per_minute</c>
/// replaces the rate for one shop. With <see cref="Shared"/> on, gateways on one database also hold each shop to its
/// per-minute limit together, through the <c>rate_limit_usage</c> table.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Gateway:RateLimit";

    /// <summary>Sustained requests per minute of a shop without a limit of its own.</summary>
    [Range(1, TenantRules.MaxRateLimitPerMinute, ErrorMessage = "Gateway:RateLimit:PerMinute must be 1 to 1000000 requests per minute.")]
    public int PerMinute { get; set; } = 600;

    /// <summary>Most requests a shop may send at once after a quiet spell; a shop whose per-minute limit is lower gets that instead.</summary>
    [Range(1, TenantRules.MaxRateLimitPerMinute, ErrorMessage = "Gateway:RateLimit:Burst must be 1 to 1000000 requests.")]
    public int Burst { get; set; } = 100;

    /// <summary>
    /// Whether a shop's per-minute limit holds across all gateways on the database; unset means on for PostgreSQL (the
    /// provider of several gateways) and off for SQLite, where gateways sharing one file can still turn it on.
    /// </summary>
    public bool? Shared { get; set; }

    /// <summary>This gateway's name in <c>rate_limit_usage</c>; unique per running gateway. Defaults to machine, process and a random suffix.</summary>
    [StringLength(100, MinimumLength = 1, ErrorMessage = "Gateway:RateLimit:GatewayId must be 1 to 100 characters.")]
    public string? GatewayId { get; set; }

    /// <summary>How often this gateway writes its counts and reads the other gateways'; their traffic in one interval is the most a shop can exceed its limit by.</summary>
    [Range(50, 60_000, ErrorMessage = "Gateway:RateLimit:SyncIntervalMilliseconds must be 50 to 60000 milliseconds.")]
    public int SyncIntervalMilliseconds { get; set; } = 1000;
}
