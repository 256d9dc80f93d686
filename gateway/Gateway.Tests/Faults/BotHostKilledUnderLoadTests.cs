using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sintestesia.Gateway.Tests.Faults;

/// <summary>Two bot hosts behind the production health checks (active every 5 s, passive on transport failures).</summary>
public sealed class TwoBotHostSystem() : RunningSystem(botHostCount: 2, adminApi: false)
{
    // The load is the point here, not the per-shop limit (tested in RateLimiting/).
    protected override void AddGatewaySettings(Dictionary<string, string?> settings) => FaultRun.LiftRateLimits(settings);
}

[Collection(FaultsDefinition.Name)]
public sealed class BotHostKilledUnderLoadTests(TwoBotHostSystem system, ITestOutputHelper output) : IClassFixture<TwoBotHostSystem>
{
    private const int Senders = 16;
    private static readonly string[] Questions = ["northern lights", "que consolas tienes", "hola", "cuanto cuesta", "catalogo"];

    [Fact]
    public async Task StoppingOneOfTwoBotHostsMidRunAnswersAtLeast999In1000AndLosesNoMessage()
    {
        var total = 1000 * FaultRun.Scale;
        var run = Guid.NewGuid().ToString("N")[..8];
        var failures = new ConcurrentBag<(int Index, Reply Reply)>();
        var stop = new TaskCompletionSource<Task>();
        var clock = Stopwatch.StartNew();

        // First third: both up. Second: one stops while traffic flows (in-flight requests drain). Last: sent only
        // once it is gone, before the active health check (every 5 s) has noticed.
        await FaultRun.RunConcurrentlyAsync(total, Senders, async i =>
        {
            if (i == total / 3)
            {
                stop.SetResult(system.StopBotHostAsync(0));
            }
            else if (i >= 2 * total / 3)
            {
                await await stop.Task;
            }

            var reply = await SendAsync(run, i);
            if (!Answered(i, reply))
            {
                failures.Add((i, reply));
            }
        });
        await await stop.Task;
        var elapsed = clock.Elapsed;

        // Whatever failed is sent again, as Twilio's retry or an integration would: it must land, and land once.
        var retried = new List<Reply>();
        foreach (var (i, _) in failures.OrderBy(f => f.Index))
        {
            retried.Add(await FaultRun.TryAsync(() => SendAsync(run, i)));
        }

        var twilioMessages = (total + 1) / 2;
        var stored = await CountAsync($"SELECT COUNT(*) FROM messages WHERE direction = 'inbound' AND provider_message_id LIKE 'SM{run}%'");
        var distinct = await CountAsync($"SELECT COUNT(DISTINCT provider_message_id) FROM messages WHERE direction = 'inbound' AND provider_message_id LIKE 'SM{run}%'");
        var held = total - failures.Count;
        FaultRun.Report(output, "bot host stopped under load", held, total, string.Create(CultureInfo.InvariantCulture,
            $"{Senders} senders, {total / elapsed.TotalSeconds:0} req/s, failures {Describe(failures)}, retries ok {retried.Count(r => r.Status == HttpStatusCode.OK)}/{retried.Count}, Twilio rows {stored} for {twilioMessages} MessageSids"));

        Assert.True(held * 1000L >= total * 999L, $"{failures.Count} of {total} unanswered: {Describe(failures)}");
        Assert.All(retried, r => Assert.True(r.Status == HttpStatusCode.OK, r.ToString()));
        Assert.Equal(twilioMessages, distinct);
        Assert.Equal(twilioMessages, stored);
    }

    /// <summary>Even numbers are Twilio forms by Host (each its own MessageSid), odd ones JSON to <c>/webhook/{slug}</c>.</summary>
    private Task<Reply> SendAsync(string run, int i)
    {
        var shop = DemoShop.All[i % DemoShop.All.Count];
        var question = Questions[i % Questions.Length];
        if (i % 2 == 1)
        {
            return FaultRun.TryAsync(() => system.AskAsync(shop.Slug, question));
        }

        var (form, signature) = FaultRun.SignedTwilioMessage(shop, i, question, FaultRun.MessageSid(run, i));
        return FaultRun.TryAsync(() => system.TwilioAsync($"{shop.Slug}.sintestesia.cl", form, signature));
    }

    private static bool Answered(int i, Reply reply) =>
        reply.Status == HttpStatusCode.OK && (i % 2 == 0 ? reply.Body.Contains("<Response", StringComparison.Ordinal) : reply.Field("status") == "success");

    private async Task<long> CountAsync(string sql) => Convert.ToInt64(await system.Database.ScalarAsync(sql), CultureInfo.InvariantCulture);

    private static string Describe(IEnumerable<(int Index, Reply Reply)> failures) =>
        failures.GroupBy(f => ((int)f.Reply.Status, f.Reply.Body.Length > 80 ? f.Reply.Body[..80] : f.Reply.Body))
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()}× {g.Key.Item1} {g.Key.Item2}"))
            .DefaultIfEmpty("none")
            .Aggregate((a, b) => a + "; " + b);
}
