namespace Sintestesia.Certs.Tests.Management;

internal static class Poll
{
    /// <summary>Asks until the answer is not null; fails after <paramref name="seconds"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, int seconds = 60)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Nothing changed within {seconds} s.");
            }

            await Task.Delay(100);
        }
    }
}
