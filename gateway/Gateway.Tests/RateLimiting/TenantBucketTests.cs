using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sintestesia.Gateway.RateLimiting;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.Gateway.Tests.RateLimiting;

/// <summary>The per-shop buckets on their own, with a clock the test moves: how they refill, and when they are forgotten.</summary>
public sealed class TenantBucketTests : IDisposable
{
    private static readonly TenantLimit Busy = new("busy-2024", PerMinute: 6, Burst: 3);
    private static readonly TenantLimit Slow = new("slow-2024", PerMinute: 1, Burst: 1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 10, 15, 0, TimeSpan.Zero));
    private readonly TenantRateLimits _limits;

    public TenantBucketTests() => _limits = new TenantRateLimits(
        new RefusalWarnings(_clock),
        new SharedUsage(Options.Create(new RateLimitOptions { Shared = false }), Options.Create(new DatabaseOptions()), _clock),
        Options.Create(new RateLimitOptions()), _clock, NullLogger<TenantRateLimits>.Instance);

    [Fact]
    public void AShopGetsItsBurstAtOnceAndThenOneRequestPerShareOfAMinute()
    {
        var burst = Enumerable.Range(0, Busy.Burst + 1).Select(_ => _limits.RetryAfterSecondsIfRefused(Busy)).ToList();
        _clock.Advance(TimeSpan.FromSeconds(9.9));
        var tooEarly = _limits.RetryAfterSecondsIfRefused(Busy);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        var refilled = _limits.RetryAfterSecondsIfRefused(Busy);

        Assert.All(burst.Take(Busy.Burst), Assert.Null);
        Assert.Equal(Busy.RetryAfterSeconds, burst[^1]);
        Assert.Equal(11, Busy.RetryAfterSeconds);
        Assert.NotNull(tooEarly);
        Assert.Null(refilled);
    }

    [Fact]
    public void TheSweepForgetsBucketsThatHaveRefilledAndKeepsAShopThatIsStillLimited()
    {
        Enumerable.Range(0, Busy.Burst).ToList().ForEach(_ => _limits.RetryAfterSecondsIfRefused(Busy));
        _limits.RetryAfterSecondsIfRefused(Slow);
        Assert.Equal(2, _limits.BucketCount);

        _clock.Advance(TenantRateLimits.SweepInterval);

        Assert.Equal(1, _limits.BucketCount);
        Assert.NotNull(_limits.RetryAfterSecondsIfRefused(Slow));
        Assert.All(Enumerable.Range(0, Busy.Burst).Select(_ => _limits.RetryAfterSecondsIfRefused(Busy)), Assert.Null);
        Assert.NotNull(_limits.RetryAfterSecondsIfRefused(Busy));
    }

    public void Dispose() => _limits.Dispose();
}
