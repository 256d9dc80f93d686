using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sintestesia.Gateway.Tests.Faults;

public sealed class DuplicateDeliverySystem() : RunningSystem(botHostCount: 2, adminApi: false)
{
    protected override void AddGatewaySettings(Dictionary<string, string?> settings) => FaultRun.LiftRateLimits(settings);
}

[Collection(FaultsDefinition.Name)]
public sealed class DuplicateDeliveryTests(DuplicateDeliverySystem system, ITestOutputHelper output) : IClassFixture<DuplicateDeliverySystem>
{
    private const int Copies = 20;
    private static readonly string[] Questions = ["northern lights", "que consolas tienes", "hola", "catalogo", "muéstrame los alimentos para cachorro"];

    [Fact]
    public async Task TheSameTwilioMessageFromTwentyConcurrentSendersIsStoredOnceAndAnsweredIdentically()
    {
        var messages = 25 * FaultRun.Scale;
        var run = Guid.NewGuid().ToString("N")[..8];
        var held = 0;
        var problems = new ConcurrentBag<string>();
        for (var m = 0; m < messages; m++)
        {
            // Twenty copies of one message at once, over both bot hosts: Twilio retrying while the first is in flight.
            var shop = DemoShop.All[m % DemoShop.All.Count];
            var sid = FaultRun.MessageSid(run, m);
            var (form, signature) = FaultRun.SignedTwilioMessage(shop, m, Questions[m % Questions.Length], sid);
            using var start = new SemaphoreSlim(0);
            var copies = Enumerable.Range(0, Copies).Select(async _ =>
            {
                await start.WaitAsync();
                return await FaultRun.TryAsync(() => system.TwilioAsync($"{shop.Slug}.sintestesia.cl", form, signature));
            }).ToList();
            start.Release(Copies);
            var replies = await Task.WhenAll(copies);

            var rows = Convert.ToInt64(await system.Database.ScalarAsync(
                "SELECT COUNT(*) FROM messages WHERE direction = 'inbound' AND provider_message_id = @sid", ("@sid", sid)), CultureInfo.InvariantCulture);
            var answers = replies.Select(r => r.Body).Distinct(StringComparer.Ordinal).Count();
            var notOk = replies.Count(r => r.Status != HttpStatusCode.OK);
            if (rows == 1 && answers == 1 && notOk == 0)
            {
                held++;
            }
            else
            {
                problems.Add($"{sid}: {rows} rows, {answers} different answers, {notOk} not 200 (e.g. {replies.FirstOrDefault(r => r.Status != HttpStatusCode.OK)})");
            }
        }

        FaultRun.Report(output, "duplicate deliveries", held, messages, string.Create(CultureInfo.InvariantCulture,
            $"{Copies} concurrent copies each, {messages * Copies} requests; held = one inbound row, one answer, all 200"));

        Assert.True(problems.IsEmpty, string.Join("; ", problems.Take(5)));
        Assert.Equal(messages, held);
    }
}
