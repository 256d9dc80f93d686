using System.ComponentModel.DataAnnotations;
using Sintestesia.TenantConfig.Administration;

namespace Sintestesia.Gateway.RateLimiting;

/// <summary>
/// Section <c>Gateway:RateLimit</c>: how many webhook requests a shop may send. Each shop has a token bucket of
/// <see cref="Burst"/> requests that refills at <see cref="PerMinute"/>; <c>tenant_clients.rate_limit_per_minute</c>
/// replaces the rate for one shop.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Gateway:RateLimit";

    /// <summary>Sustained requests per minute of a shop without a limit of its own.</summary>
    [Range(1, TenantRules.MaxRateLimitPerMinute, ErrorMessage = "Gateway:RateLimit:PerMinute must be 1 to 100000 requests per minute.")]
    public int PerMinute { get; set; } = 600;

    /// <summary>Most requests a shop may send at once after a quiet spell; a shop whose per-minute limit is lower gets that instead.</summary>
    [Range(1, TenantRules.MaxRateLimitPerMinute, ErrorMessage = "Gateway:RateLimit:Burst must be 1 to 100000 requests.")]
    public int Burst { get; set; } = 100;
}
