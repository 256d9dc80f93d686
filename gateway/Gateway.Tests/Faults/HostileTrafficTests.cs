using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sintestesia.Gateway.Tests.Faults;

public sealed class HostileTrafficSystem() : RunningSystem(botHostCount: 1, adminApi: true)
{
    protected override void AddGatewaySettings(Dictionary<string, string?> settings) => FaultRun.LiftRateLimits(settings);
}

[Collection(FaultsDefinition.Name)]
public sealed class HostileTrafficTests(HostileTrafficSystem system, ITestOutputHelper output) : IClassFixture<HostileTrafficSystem>
{
    private const int Senders = 8;
    private const long MaxHeapGrowth = 50L * 1024 * 1024;

    // Kestrel's MinRequestBodyDataRate (240 B/s after a 5 s grace) cuts slow bodies; the gateway's
    // RequestHeadersTimeout (10 s) cuts slow headers.
    private static readonly TimeSpan SlowBodyCut = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan SlowHeaderCut = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task HostileRequestsAndSlowSendersGetNoServerErrorAndLeaveTheGatewayHealthyWithAFlatHeap()
    {
        var total = 1000 * FaultRun.Scale;
        var seed = FaultRun.Seed;
        await SendAsync(new HostileRequests(seed ^ 0x5EED), 100, new ConcurrentBag<(HostileRequest, int)>(), new ConcurrentDictionary<int, int>());
        var heapBefore = SettledHeap();

        var slowHeaders = true;
        var slow = Enumerable.Range(0, Math.Min(4 * FaultRun.Scale, 24)).Select(i =>
            SlowSender.TrickleAsync(system.InternalUrl, headers: slowHeaders && i % 2 == 1, i % 2 == 1 && slowHeaders ? SlowHeaderCut : SlowBodyCut)).ToList();
        var failures = new ConcurrentBag<(HostileRequest Request, int Status)>();
        var statuses = new ConcurrentDictionary<int, int>();
        await SendAsync(new HostileRequests(seed), total, failures, statuses);
        var trickles = await Task.WhenAll(slow);

        var heapGrowth = SettledHeap() - heapBefore;
        var ready = await system.GetAsync(system.InternalUrl, "/readyz");
        var shop = await system.AskAsync("acme", "northern lights");
        var slowFailures = trickles.Count(t => t is null || t.Value.Status >= 500);
        var held = total - failures.Count + trickles.Length - slowFailures;
        FaultRun.Report(output, "hostile requests", held, total + trickles.Length, string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}, {Senders} senders, answers {string.Join(' ', statuses.OrderBy(s => s.Key).Select(s => $"{s.Value}×{s.Key}"))}, "
            + $"server errors or hangs {Describe(failures)}, {trickles.Length} slow senders ({(slowHeaders ? "half headers, half body" : "body")}) "
            + $"cut after {Describe(trickles)}, managed heap {heapGrowth / (1024.0 * 1024):+0.0;-0.0} MB after GC"));

        Assert.True(failures.IsEmpty, $"seed {seed}: {Describe(failures)}");
        Assert.Equal(0, slowFailures);
        Assert.True(heapGrowth < MaxHeapGrowth, $"managed heap grew {heapGrowth / (1024 * 1024)} MB");
        Assert.True(ready.Status == HttpStatusCode.OK, ready.ToString());
        // Client-caused errors must not count against bot hosts in the passive health check.
        Assert.Equal(system.BotHostUrls.Count, ready.Json().GetProperty("healthy_bot_hosts").GetInt32());
        Assert.True(shop.Status == HttpStatusCode.OK && shop.Field("respuesta")!.Contains("Northern Lights", StringComparison.Ordinal), shop.ToString());
    }

    private Task SendAsync(HostileRequests requests, int count, ConcurrentBag<(HostileRequest, int)> failures, ConcurrentDictionary<int, int> statuses)
    {
        // Generated up front: the generator is not thread-safe, and the failures name their request.
        var batch = Enumerable.Range(0, count).Select(requests.Next).ToArray();
        return FaultRun.RunConcurrentlyAsync(count, Senders, async i =>
        {
            var status = await batch[i].SendAsync(batch[i].Public ? system.PublicUrl : system.InternalUrl);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status >= 500 || status == -1)
            {
                failures.Add((batch[i], status));
            }
        });
    }

    private static long SettledHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Describe(IEnumerable<(HostileRequest Request, int Status)> failures) =>
        failures.GroupBy(f => (f.Request.Kind, f.Status))
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()}× {g.Key.Kind} → {(g.Key.Status == -1 ? "no answer in 10 s" : g.Key.Status)}"))
            .DefaultIfEmpty("none")
            .Aggregate((a, b) => a + ", " + b);

    private static string Describe(IEnumerable<(TimeSpan HeldFor, int Status)?> trickles)
    {
        var cut = trickles.Where(t => t is not null).Select(t => t!.Value).ToList();
        var statuses = string.Join(' ', cut.GroupBy(t => t.Status).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()}×{g.Key}")));
        return cut.Count == 0
            ? "never"
            : string.Create(CultureInfo.InvariantCulture, $"{cut.Min(t => t.HeldFor).TotalSeconds:0.0}–{cut.Max(t => t.HeldFor).TotalSeconds:0.0} s ({statuses}; 0 = closed)");
    }
}
