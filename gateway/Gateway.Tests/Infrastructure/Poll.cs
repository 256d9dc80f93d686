using System.Diagnostics;

namespace Sintestesia.Gateway.Tests.Infrastructure;

/// <summary>
/// Asks again until an answer satisfies the test or a deadline passes; the caller asserts on both. The elapsed time
/// returned is when the last probe was sent, so a slow answer on a busy machine does not count as a late change.
/// </summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static async Task<(T Last, TimeSpan Elapsed)> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var sentAt = clock.Elapsed;
            var value = await probe();
            if (done(value) || clock.Elapsed > deadline)
            {
                return (value, sentAt);
            }

            await Task.Delay(Interval);
        }
    }
}
