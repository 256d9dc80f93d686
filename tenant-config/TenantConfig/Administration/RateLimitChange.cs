namespace Sintestesia.TenantConfig.Administration;

/// <summary>
/// A new webhook rate limit for a shop: <see cref="PerMinute"/> requests per minute, or <see cref="Default"/> to
/// follow the gateway's <c>Gateway:RateLimit:PerMinute</c> again.
/// </summary>
public sealed record RateLimitChange(int? PerMinute)
{
    public static readonly RateLimitChange Default = new((int?)null);
}
