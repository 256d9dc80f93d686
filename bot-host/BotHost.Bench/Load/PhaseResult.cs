namespace Sintestesia.BotHost.Bench.Load;

/// <summary>Answers, latencies and intents of one tenant over one phase (or several, combined).</summary>
internal sealed record PhaseResult(
    string Tenant, TimeSpan Elapsed, IReadOnlyList<double> SortedLatenciesMs, IReadOnlyDictionary<string, int> Intents, IReadOnlyList<string> Failures)
{
    public int Answers => SortedLatenciesMs.Count;

    public double AnswersPerSecond => Answers / Elapsed.TotalSeconds;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public static PhaseResult Of(string tenant, TimeSpan elapsed, IEnumerable<ClientTally> tallies)
    {
        var all = tallies.ToList();
        return new PhaseResult(tenant, elapsed,
            [.. all.SelectMany(t => t.LatenciesMs).Order()],
            Sum(all.Select(t => t.Intents)),
            [.. all.SelectMany(t => t.Failures)]);
    }

    /// <summary>Phases of one tenant as if they were one: answers over the time they took together.</summary>
    public static PhaseResult Combine(string tenant, IReadOnlyList<PhaseResult> phases) => new(tenant,
        TimeSpan.FromTicks(phases.Sum(p => p.Elapsed.Ticks)),
        [.. phases.SelectMany(p => p.SortedLatenciesMs).Order()],
        Sum(phases.Select(p => p.Intents)),
        [.. phases.SelectMany(p => p.Failures)]);

    /// <summary>Nearest-rank percentile, in milliseconds.</summary>
    public double Percentile(double share) => Answers == 0
        ? double.NaN
        : SortedLatenciesMs[Math.Clamp((int)Math.Ceiling(share * Answers) - 1, 0, Answers - 1)];

    private static Dictionary<string, int> Sum(IEnumerable<IReadOnlyDictionary<string, int>> counts) =>
        counts.SelectMany(c => c).GroupBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);
}
