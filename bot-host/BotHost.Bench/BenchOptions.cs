using System.Globalization;

namespace Sintestesia.BotHost.Bench;

/// <summary>
/// <c>[--seconds N] [--concurrency C] [--rounds R] [--warmup S]</c>. The defaults take about a minute of load on
/// two cores: 3 rounds × 2 shops × 8 s, after 5 s of warm-up per shop. One client by default: more add no answers
/// per second on two cores, because SQLite takes one writer at a time and Microsoft.Data.Sqlite meets a busy
/// database by sleeping 150 ms; those sleeps fall on either shop at random and would drown the catalog's own cost.
/// </summary>
internal sealed record BenchOptions(int Seconds = 8, int Concurrency = 1, int Rounds = 3, int WarmupSeconds = 5)
{
    public const string Usage = "usage: bench-catalog [--seconds N (1-600)] [--concurrency C (1-256)] [--rounds R (2-20)] [--warmup S (0-60)]";

    /// <summary>Shoppers' phones in the pool; at least one per load client.</summary>
    public int Phones => Math.Max(200, Concurrency);

    /// <summary>The options, or null with a sentence saying what is wrong.</summary>
    public static (BenchOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return (null, $"'{args[i]}' needs a whole number after it.");
            }

            (options, var error) = args[i] switch
            {
                "--seconds" when value is >= 1 and <= 600 => (options with { Seconds = value }, null),
                "--concurrency" when value is >= 1 and <= 256 => (options with { Concurrency = value }, null),
                "--rounds" when value is >= 2 and <= 20 => (options with { Rounds = value }, null),
                "--warmup" when value is >= 0 and <= 60 => (options with { WarmupSeconds = value }, null),
                "--seconds" or "--concurrency" or "--rounds" or "--warmup" => (options, $"{args[i]} {value} is out of range."),
                _ => (options, $"Unknown option '{args[i]}'."),
            };
            if (error is not null)
            {
                return (null, error);
            }
        }

        return (options, null);
    }
}
