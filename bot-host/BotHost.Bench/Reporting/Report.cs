using System.Globalization;
using Sintestesia.BotHost.Bench.Load;
using static System.FormattableString;

namespace Sintestesia.BotHost.Bench.Reporting;

/// <summary>The benchmark's printout: set-up, each phase as it ends, then the totals and the ratio on the last line.</summary>
internal sealed class Report(TextWriter output)
{
    private const int ShownFailures = 20;

    public void Header(Machine machine, BenchOptions options, int messages)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(options);
        output.WriteLine("== catalog-size benchmark: one bot host, POST /webhook, 10 vs 10,000 products in one tenant");
        output.WriteLine(Invariant($"machine: {machine.Cores} cores (nproc) · {machine.Cpu} · {machine.System} · {machine.Runtime} · {machine.Date:yyyy-MM-dd HH:mm} UTC"));
        output.WriteLine(Invariant($"load   : {options.Concurrency} concurrent client{(options.Concurrency == 1 ? string.Empty : "s")} · {options.Seconds} s per phase · {options.Rounds} rounds small/large interleaved · ")
            + Invariant($"{options.WarmupSeconds} s warm-up each · {options.Phones} shopper phones · {messages} scripted messages · offline engine · SQLite temp file"));
    }

    public void Stored(string tenant, int products, TimeSpan took) =>
        output.WriteLine(Invariant($"stored : {tenant,-5} {Count(products),6} products in {took.TotalSeconds:0.00} s"));

    public void Indexed(string tenant, int products, TimeSpan build, TimeSpan firstAnswer) =>
        output.WriteLine(Invariant($"index  : {tenant,-5} {Count(products),6} products built in {Ms(build.TotalMilliseconds)} ms (CatalogIndex alone); ")
            + Invariant($"first answer, which loads and indexes the catalog: {Ms(firstAnswer.TotalMilliseconds)} ms"));

    public void PhaseHeading() =>
        output.WriteLine(Invariant($"\n{"phase",-15} {"answers",8} {"answers/s",10} {"p50 ms",8} {"p99 ms",8}  {"large/small",11}"));

    /// <summary>One phase's line; for the large shop, <paramref name="ratio"/> is its answers per second over the small shop's that round.</summary>
    public void Phase(string name, PhaseResult phase, double? ratio)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var shown = ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : string.Empty;
        output.WriteLine(Invariant($"{name,-15} {Count(phase.Answers),8} {phase.AnswersPerSecond,10:0.0} {Ms(phase.P50),8} {Ms(phase.P99),8}  {shown,11}"));
    }

    public void Totals(IEnumerable<(PhaseResult Total, int Products)> tenants)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        output.WriteLine(Invariant($"\n{"tenant",-6} {"products",8} {"answers/s",10} {"p50 ms",8} {"p99 ms",8}  intents"));
        foreach (var (total, products) in tenants)
        {
            output.WriteLine(Invariant($"{total.Tenant,-6} {Count(products),8} {total.AnswersPerSecond,10:0.0} {Ms(total.P50),8} {Ms(total.P99),8}  {Intents(total)}"));
        }
    }

    public void Failures(IReadOnlyList<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        output.WriteLine(Invariant($"\n{Count(failures.Count)} requests failed; the first {Math.Min(ShownFailures, failures.Count)}:"));
        foreach (var failure in failures.Take(ShownFailures))
        {
            output.WriteLine($"  {failure}");
        }
    }

    public void Ratio(int largeProducts, int smallProducts, double ratio, double goal) =>
        output.WriteLine(Invariant($"\ncatalog-size ratio ({Count(largeProducts)} vs {Count(smallProducts)} products): {ratio:0.00} (goal ≥ {goal:0.0})"));

    private static string Intents(PhaseResult total) => string.Join(" · ", total.Intents
        .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
        .Select(kv => Invariant($"{kv.Key} {100.0 * kv.Value / total.Answers:0}%")));

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double ms) => ms.ToString(ms < 100 ? "0.0" : "N0", CultureInfo.InvariantCulture);
}
