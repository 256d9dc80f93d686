namespace Sintestesia.Gateway.RateLimiting;

/// <summary>
/// One shop's token bucket: holds up to <see cref="TenantLimit.Burst"/> requests and refills continuously at
/// <see cref="TenantLimit.PerMinute"/>, computed from the time of each request rather than by a timer.
/// </summary>
internal sealed class TenantBucket(TenantLimit limit, long timestamp, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _tokens = limit.Burst;
    private long _refilledAt = timestamp;
    private bool _retired;

    /// <summary>True when a request was let in, false when the bucket is empty, null when the bucket was retired: get the current one.</summary>
    public bool? TryTake()
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (_retired)
            {
                return null;
            }

            Refill(now);
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }

    /// <summary>Retires the bucket if it is full: a full bucket admits exactly what a new one would, so it need not be kept.</summary>
    public bool RetireIfFull()
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            Refill(now);
            _retired = _tokens >= limit.Burst;
            return _retired;
        }
    }

    private void Refill(long now)
    {
        var minutes = time.GetElapsedTime(_refilledAt, now).TotalMinutes;
        if (minutes > 0)
        {
            _tokens = Math.Min(limit.Burst, _tokens + (minutes * limit.PerMinute));
            _refilledAt = now;
        }
    }
}
