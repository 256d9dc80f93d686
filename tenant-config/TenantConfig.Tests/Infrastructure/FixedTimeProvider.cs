namespace Sintestesia.TenantConfig.Tests.Infrastructure;

/// <summary>A clock stopped at one instant, so IDs like <c>{slug}-{year}</c> do not depend on the test date.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public static readonly FixedTimeProvider Mid2024 = new(new DateTimeOffset(2024, 6, 15, 12, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
