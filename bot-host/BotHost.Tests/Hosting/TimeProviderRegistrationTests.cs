using Microsoft.Extensions.DependencyInjection;

namespace Sintestesia.BotHost.Tests.Hosting;

/// <summary>
/// Tests control time (idle timeout, business hours, duplicate waits) by registering their own
/// <see cref="TimeProvider"/> in <c>BotHostApp.Build</c>'s configure callback, as STYLE.md asks.
/// </summary>
public sealed class TimeProviderRegistrationTests
{
    [Fact]
    public async Task ATimeProviderRegisteredInTheConfigureCallbackIsTheOneTheBotHostUses()
    {
        var clock = new StoppedClock(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

        await using var app = BotHostApp.Build([], b => b.Services.AddSingleton<TimeProvider>(clock));

        Assert.Same(clock, app.Services.GetRequiredService<TimeProvider>());
    }

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
