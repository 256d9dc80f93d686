using System.Threading.RateLimiting;

namespace Sintestesia.Gateway.RateLimiting;

/// <summary>
/// A shop's limiter when limits are shared: its local token bucket, entered only while the shared minute also has
/// room. The bucket shapes bursts on this gateway; the minute holds the per-minute limit across gateways.
/// </summary>
internal sealed class SharedTenantLimiter(TokenBucketRateLimiter bucket, SharedUsage usage, TenantLimit limit) : ReplenishingRateLimiter
{
    public override TimeSpan? IdleDuration => bucket.IdleDuration;

    // The partitioned limiter refills every bucket it holds on its own 100 ms tick, through these two members.
    public override bool IsAutoReplenishing => bucket.IsAutoReplenishing;

    public override TimeSpan ReplenishmentPeriod => bucket.ReplenishmentPeriod;

    public override bool TryReplenish() => bucket.TryReplenish();

    public override RateLimiterStatistics? GetStatistics() => bucket.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (permitCount == 0)
        {
            return bucket.AttemptAcquire(0);
        }

        if (usage.TryAdmit(limit, permitCount) is not { } taken)
        {
            return new MinuteUsedUp(usage.SecondsToNextMinute());
        }

        return GiveBackUnlessAcquired(bucket.AttemptAcquire(permitCount), taken, permitCount);
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0)
        {
            return await bucket.AcquireAsync(0, cancellationToken);
        }

        if (usage.TryAdmit(limit, permitCount) is not { } taken)
        {
            return new MinuteUsedUp(usage.SecondsToNextMinute());
        }

        return GiveBackUnlessAcquired(await bucket.AcquireAsync(permitCount, cancellationToken), taken, permitCount);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            bucket.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await bucket.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    private static RateLimitLease GiveBackUnlessAcquired(RateLimitLease lease, MinuteCount taken, int permits)
    {
        if (!lease.IsAcquired)
        {
            taken.GiveBack(permits);
        }

        return lease;
    }
}

/// <summary>A refusal because all gateways together admitted the shop's limit this minute: retry once the minute is over.</summary>
internal sealed class MinuteUsedUp(int retryAfterSeconds) : RateLimitLease
{
    public int RetryAfterSeconds => retryAfterSeconds;

    public override bool IsAcquired => false;

    public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = metadataName == MetadataName.RetryAfter.Name ? TimeSpan.FromSeconds(retryAfterSeconds) : null;
        return metadata is not null;
    }
}
