namespace Sintestesia.BotHost.Bench.Load;

/// <summary>What one load client saw during a phase; only that client writes to it.</summary>
internal sealed class ClientTally
{
    public List<double> LatenciesMs { get; } = [];

    public Dictionary<string, int> Intents { get; } = new(StringComparer.Ordinal);

    public List<string> Failures { get; } = [];

    public void Record(Answer answer, TimeSpan latency)
    {
        if (!answer.Succeeded)
        {
            Failures.Add(answer.Failure!);
            return;
        }

        LatenciesMs.Add(latency.TotalMilliseconds);
        Intents[answer.Intent] = Intents.GetValueOrDefault(answer.Intent) + 1;
    }
}
