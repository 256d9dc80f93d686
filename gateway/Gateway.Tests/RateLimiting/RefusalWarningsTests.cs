using Sintestesia.Gateway.RateLimiting;

namespace Sintestesia.Gateway.Tests.RateLimiting;

/// <summary>A shop over its limit is logged once a minute, with how many refusals went unlogged, not once per request.</summary>
public sealed class RefusalWarningsTests
{
    [Fact]
    public void AShopOverItsLimitIsLoggedOncePerMinuteWithTheRefusalsInBetweenCounted()
    {
        var clock = new ManualClock();
        var warnings = new RefusalWarnings(clock);

        var first = warnings.ShouldLog("ruidosa-2024", out var silentBeforeFirst);
        var inBetween = new List<bool>();
        for (var second = 1; second <= 41; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            inBetween.Add(warnings.ShouldLog("ruidosa-2024", out _));
        }

        var otherShop = warnings.ShouldLog("otra-2024", out _);
        clock.Advance(TimeSpan.FromSeconds(20));
        var nextMinute = warnings.ShouldLog("ruidosa-2024", out var silentBeforeNext);

        Assert.True(first);
        Assert.Equal(0L, silentBeforeFirst);
        Assert.DoesNotContain(true, inBetween);
        Assert.True(otherShop);
        Assert.True(nextMinute);
        Assert.Equal(41L, silentBeforeNext);
    }

    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
