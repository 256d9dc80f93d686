using Microsoft.Extensions.Options;
using Sintestesia.Gateway.RateLimiting;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.Gateway.Tests.RateLimiting;

/// <summary>The shared minute window on its own, with a clock the test moves: what it admits, and what it hands the sync.</summary>
public sealed class SharedUsageTests
{
    private static readonly DateTimeOffset MinuteStart = new(2026, 3, 2, 10, 15, 0, TimeSpan.Zero);
    private static readonly TenantLimit Shop = new("tienda-2024", PerMinute: 10, Burst: 10);

    private readonly MovableClock _clock = new() { Now = MinuteStart.AddSeconds(20) };
    private readonly SharedUsage _usage;

    public SharedUsageTests() => _usage = new SharedUsage(
        Options.Create(new RateLimitOptions()), Options.Create(new DatabaseOptions { Provider = DatabaseOptions.Postgres }), _clock);

    [Fact]
    public void AShopIsAdmittedOnlyWhileItsCountHereAndTheOtherGatewaysCountStayUnderItsLimit()
    {
        _usage.SetOthers(_usage.CurrentMinute(), new Dictionary<string, int> { [Shop.TenantId] = 7 });

        var admitted = Enumerable.Range(0, 5).Select(_ => _usage.TryAdmit(Shop, 1)).ToList();
        var otherShop = _usage.TryAdmit(Shop with { TenantId = "otra-2024" }, 1);

        Assert.Equal(3, admitted.Count(a => a is not null));
        Assert.Null(admitted[^1]);
        Assert.NotNull(otherShop);
        Assert.Equal(40, _usage.SecondsToNextMinute());
    }

    [Fact]
    public void ARequestTheBucketRefusedIsGivenBackToTheMinute()
    {
        var taken = Enumerable.Range(0, Shop.PerMinute).Select(_ => _usage.TryAdmit(Shop, 1)!).ToList();
        var full = _usage.TryAdmit(Shop, 1);

        taken[^1].GiveBack(1);

        Assert.Null(full);
        Assert.NotNull(_usage.TryAdmit(Shop, 1));
    }

    [Fact]
    public void ANewMinuteStartsFromNothingAndIgnoresTheOtherGatewaysCountsOfTheLastOne()
    {
        _usage.SetOthers(_usage.CurrentMinute(), new Dictionary<string, int> { [Shop.TenantId] = Shop.PerMinute });
        var lastMinute = _usage.TryAdmit(Shop, 1);

        _clock.Now = MinuteStart.AddMinutes(1);
        var admitted = Enumerable.Range(0, Shop.PerMinute + 1).Select(_ => _usage.TryAdmit(Shop, 1)).ToList();

        Assert.Null(lastMinute);
        Assert.Equal(Shop.PerMinute, admitted.Count(a => a is not null));
        Assert.Equal(60, _usage.SecondsToNextMinute());
    }

    [Fact]
    public void TheSyncIsHandedOnlyCountsTheDatabaseLacksOfThisAndTheLastMinute()
    {
        _usage.TryAdmit(Shop, 1);
        _clock.Now = MinuteStart.AddMinutes(1);
        _usage.TryAdmit(Shop, 1);
        _usage.TryAdmit(Shop, 1);
        var bothMinutes = _usage.Unsaved(_usage.CurrentMinute());
        foreach (var count in bothMinutes)
        {
            count.MarkSaved();
        }

        var nothingNew = _usage.Unsaved(_usage.CurrentMinute());
        _usage.TryAdmit(Shop, 1);
        var oneChanged = _usage.Unsaved(_usage.CurrentMinute());
        _clock.Now = MinuteStart.AddMinutes(3);
        var afterTwoMinutes = _usage.Unsaved(_usage.CurrentMinute());

        var minute = MinuteStart.ToUnixTimeSeconds() / 60;
        Assert.Equal([(minute, 1), (minute + 1, 2)], bothMinutes.Select(c => (c.Minute, c.Count)).Order());
        Assert.Empty(nothingNew);
        Assert.Equal((minute + 1, 3), oneChanged.Select(c => (c.Minute, c.Count)).Single());
        Assert.Empty(afterTwoMinutes);
    }

    /// <summary>A date that moves only when the test sets it.</summary>
    private sealed class MovableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
