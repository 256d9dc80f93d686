namespace Sintestesia.Gateway.Tests.Infrastructure;

/// <summary>A clock whose date stands still at one instant; timers and elapsed time run as usual.</summary>
public sealed class StoppedClock(DateTimeOffset at) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => at;
}
