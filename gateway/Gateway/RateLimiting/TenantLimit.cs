namespace Sintestesia.Gateway.RateLimiting;

/// <summary>
/// One shop's limit, and the key of its bucket: a changed limit is a new key, so the new rate applies at once and the
/// old bucket is dropped once it has refilled.
/// </summary>
internal readonly record struct TenantLimit(string TenantId, int PerMinute, int Burst)
{
    /// <summary>
    /// Whole seconds until the bucket holds a request again: one request's share of a minute, plus a tenth of
    /// a second for the time the refusal took to reach the client, rounded up, so a client that waits this long is let in.
    /// </summary>
    public int RetryAfterSeconds => (int)Math.Ceiling((60.0 / PerMinute) + 0.1);
}
