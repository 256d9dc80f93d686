using System.Security.Cryptography;
using Sintestesia.BotHost.Bench.Catalog;
using Sintestesia.BotHost.Bench.Hosting;
using Sintestesia.BotHost.Bench.Load;
using Sintestesia.BotHost.Bench.Reporting;
using Sintestesia.BotHost.Bench.Shoppers;
using Sintestesia.TenantConfig.Proof;

namespace Sintestesia.BotHost.Bench;

/// <summary>
/// Issue 3's catalog-size evidence: answers per second of one real bot host for a shop with 10 products and a
/// shop with 10,000, asked the same questions, measured in turns (small, large, small, large…) so that whatever
/// else the machine does falls on both.
/// </summary>
internal static class CatalogBench
{
    private const double Goal = 0.8;
    private const string OutsidePhone = "+56900000001";

    /// <returns>0, or 1 when any request failed.</returns>
    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken ct)
    {
        var report = new Report(output);
        var small = new BenchTenant("small", "bench-small", "Tienda Chica", ProductGenerator.Generate(10));
        var large = new BenchTenant("large", "bench-large", "Tienda Grande", ProductGenerator.Generate(10_000));
        var warmUp = small with { Label = "warm-up", Id = "bench-warmup", Name = "Tienda de Prueba" };
        BenchTenant[] tenants = [small, large];
        var conversations = ShopperScript.Conversations(small.Products);
        report.Header(Machine.Current(), options, conversations.Sum(c => c.Length));

        var secretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var proofSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        using var database = new BenchDatabase(secretKey);
        var stored = await database.SeedAsync([warmUp, .. tenants], ct);
        foreach (var tenant in tenants)
        {
            report.Stored(tenant.Label, tenant.Products.Count, stored[tenant.Id]);
        }

        await using var host = await BenchHost.StartAsync(database.ConnectionString, secretKey, proofSecret, ct);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var runner = new LoadRunner(http, new WebhookRequests(new GatewayProof(new ProofOptions { Secret = proofSecret })));
        var failures = new List<string>();
        await FirstAnswersAsync(runner, warmUp, tenants, conversations, report, failures);

        var traffic = tenants.ToDictionary(t => t, _ => new ShopperTraffic(conversations, options.Phones, options.Concurrency));
        foreach (var tenant in tenants)
        {
            var warm = await runner.RunAsync(tenant, traffic[tenant], options.Concurrency, TimeSpan.FromSeconds(options.WarmupSeconds));
            failures.AddRange(warm.Failures);
        }

        report.PhaseHeading();
        var phases = tenants.ToDictionary(t => t, _ => new List<PhaseResult>());
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var tenant in tenants)
            {
                var phase = await runner.RunAsync(tenant, traffic[tenant], options.Concurrency, TimeSpan.FromSeconds(options.Seconds));
                phases[tenant].Add(phase);
                failures.AddRange(phase.Failures);
                report.Phase($"{tenant.Label} round {round}", phase, tenant == large ? phase.AnswersPerSecond / phases[small][^1].AnswersPerSecond : null);
            }
        }

        var totals = tenants.ToDictionary(t => t, t => PhaseResult.Combine(t.Label, phases[t]));
        report.Totals(tenants.Select(t => (totals[t], t.Products.Count)));
        if (failures.Count > 0)
        {
            report.Failures(failures);
        }

        report.Ratio(large.Products.Count, small.Products.Count, totals[large].AnswersPerSecond / totals[small].AnswersPerSecond, Goal);
        return failures.Count > 0 ? 1 : 0;
    }

    /// <summary>
    /// Each shop's first answer, which loads its catalog and builds its index, after the warm-up shop has been asked
    /// one conversation of every kind: by then the answering path is compiled, and the times are the catalogs'.
    /// </summary>
    private static async Task FirstAnswersAsync(
        LoadRunner runner, BenchTenant warmUp, BenchTenant[] tenants, IReadOnlyList<string[]> conversations, Report report, List<string> failures)
    {
        foreach (var message in conversations.Take(ShopperScript.Kinds).SelectMany(c => c))
        {
            failures.AddRange(FailureOf((await runner.AskAsync(warmUp.Id, OutsidePhone, message)).Answer));
        }

        IndexTiming.Measure(warmUp);
        foreach (var tenant in tenants)
        {
            var (answer, firstAnswer) = await runner.AskAsync(tenant.Id, OutsidePhone, "hola");
            failures.AddRange(FailureOf(answer));
            report.Indexed(tenant.Label, tenant.Products.Count, IndexTiming.Measure(tenant), firstAnswer);
        }
    }

    private static IEnumerable<string> FailureOf(Answer answer) => answer.Failure is { } failure ? [failure] : [];
}
