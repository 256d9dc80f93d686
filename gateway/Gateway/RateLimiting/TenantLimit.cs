namespace Sintestesia.Gateway.RateLimiting;

/// <summary>
/// One shop's limit, and the key of its bucket: a changed limit is a new key, so the new rate applies at once and the
/// old bucket is dropped by the limiter once idle.
/// </summary>
internal readonly record struct TenantLimit(string TenantId, int PerMinute, int Burst)
{
    /// <summary>The partition of requests that no tenant owns; the resolution step answers those before this one.</summary>
    public static readonly TenantLimit Unowned = new(string.Empty, 0, 0);

    /// <summary>
    /// Whole seconds until the bucket holds a request again: one request's share of a minute, plus the limiter's
    /// 100 ms refill tick, rounded up, so a client that waits this long is let in.
    /// </summary>
    public int RetryAfterSeconds => (int)Math.Ceiling((60.0 / PerMinute) + 0.1);
}
