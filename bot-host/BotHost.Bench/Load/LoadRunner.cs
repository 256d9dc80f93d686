using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Sintestesia.BotHost.Bench.Hosting;
using Sintestesia.BotHost.Bench.Shoppers;

namespace Sintestesia.BotHost.Bench.Load;

/// <summary>Concurrent shoppers against one tenant for a fixed time, each waiting for its answer before the next message.</summary>
internal sealed class LoadRunner(HttpClient http, WebhookRequests requests)
{
    private const int ExcerptLength = 200;

    public async Task<PhaseResult> RunAsync(BenchTenant tenant, ShopperTraffic traffic, int clients, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(traffic);
        var tallies = Enumerable.Range(0, clients).Select(_ => new ClientTally()).ToArray();
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(tallies.Select((tally, i) => Task.Run(() => ClientAsync(tenant.Id, traffic.Client(i), tally, stopAt))));
        return PhaseResult.Of(tenant.Label, Stopwatch.GetElapsedTime(started), tallies);
    }

    /// <summary>One message and its answer, timed from sending to the last byte of the answer.</summary>
    public async Task<(Answer Answer, TimeSpan Latency)> AskAsync(string tenantId, string phone, string message)
    {
        using var request = requests.Create(tenantId, phone, message);
        var sent = Stopwatch.GetTimestamp();
        var answer = await SendAsync(request, $"'{message}' from {phone} to {tenantId}");
        return (answer, Stopwatch.GetElapsedTime(sent));
    }

    private async Task ClientAsync(string tenantId, ClientShoppers shoppers, ClientTally tally, long stopAt)
    {
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            var (phone, message) = shoppers.Next();
            var (answer, latency) = await AskAsync(tenantId, phone, message);
            tally.Record(answer, latency);
        }
    }

    private async Task<Answer> SendAsync(HttpRequestMessage request, string what)
    {
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return Answer.Failed($"{what}: HTTP {(int)response.StatusCode} {Excerpt(body)}");
            }

            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return root.TryGetProperty("status", out var status) && status.GetString() == "success"
                ? new Answer(root.TryGetProperty("intent", out var intent) ? intent.GetString() ?? "none" : "none", null)
                : Answer.Failed($"{what}: {Excerpt(body)}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return Answer.Failed($"{what}: {e.GetType().Name}: {e.Message}");
        }
    }

    private static string Excerpt(string body) => body.Length <= ExcerptLength ? body : body[..ExcerptLength] + "…";
}
