using System.Globalization;
using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.FastPath;

/// <summary>A system of its own, so the fast path's counters move only with these tests' requests.</summary>
public sealed class FastPathSystem() : RunningSystem(botHostCount: 1, adminApi: true);

/// <summary>
/// Webhooks to a shop's host on the public listener, written byte for byte: the plain ones are forwarded by the fast
/// path (its counter says so), everything else gets the full pipeline's answer on the same connection.
/// </summary>
public sealed class FastPathTests(FastPathSystem system) : IClassFixture<FastPathSystem>
{
    private static readonly DemoShop Acme = DemoShop.Acme;

    [Fact]
    public async Task ASignedWebhookToAShopsHostIsAnsweredByItsBotHostThroughTheFastPath()
    {
        var before = await CountersAsync();
        await using var connection = await RawConnection.OpenAsync(system.PublicUrl);

        await connection.SendAsync(await SignedTwilioAsync(Acme, "northern lights"));
        var answer = await connection.ReadAnswerAsync();

        await AssertAnsweredByTheFastPathAsync(answer, before);
    }

    [Fact]
    public async Task AWebhookWhoseBodyFollowsItsHeadSeparatelyIsStillForwardedByTheFastPath()
    {
        var request = await SignedTwilioAsync(Acme, "northern lights");
        var split = request.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        var before = await CountersAsync();
        await using var connection = await RawConnection.OpenAsync(system.PublicUrl);

        await connection.SendAsync(request[..split]);
        await connection.SendAsync(request[split..]);
        var answer = await connection.ReadAnswerAsync();

        await AssertAnsweredByTheFastPathAsync(answer, before);
    }

    [Fact]
    public async Task ABodyThatDoesNotArriveWithinTheRequestTimeIsRefusedWith408AndTheConnectionClosed()
    {
        await using var connection = await RawConnection.OpenAsync(system.PublicUrl);

        await connection.SendAsync("POST /bot/twilio/webhook HTTP/1.1\r\nHost: acme.sintestesia.cl\r\nContent-Length: 100\r\n\r\nBody=hola");
        var answer = await connection.ReadAnswerAsync();

        Assert.True(answer?.Status == 408, $"{answer}");
        Assert.Contains("\"status\":\"error\"", answer.Body, StringComparison.Ordinal);
        Assert.True(await connection.IsClosedByServerAsync());
    }

    [Fact]
    public async Task WebhooksSentTogetherOnOneConnectionAreAnsweredInTheOrderSent()
    {
        var questions = new[] { "northern lights", "white widow", "og kush" };
        var requests = new List<string>();
        foreach (var question in questions)
        {
            requests.Add(await SignedTwilioAsync(Acme, question));
        }

        await using var connection = await RawConnection.OpenAsync(system.PublicUrl);
        await connection.SendAsync(string.Concat(requests));
        var answers = new List<RawAnswer?>();
        foreach (var _ in questions)
        {
            answers.Add(await connection.ReadAnswerAsync());
        }

        Assert.All(answers, a => Assert.True(a?.Status == 200, $"{a}"));
        Assert.Contains("Northern Lights", answers[0]!.Body, StringComparison.Ordinal);
        Assert.Contains("White Widow", answers[1]!.Body, StringComparison.Ordinal);
        Assert.Contains("OG Kush", answers[2]!.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TenantAndProofHeadersSentByTheClientAreReplacedBeforeTheBotHostSeesThem()
    {
        var forged = $"X-Tenant-Id: {DemoShop.Bravo.Id}\r\nX-Tenant-Resolved-By: id\r\nX-Gateway-Timestamp: 1\r\n" +
            "X-Gateway-Proof: AAAA\r\nX-Gateway-Public-Url: https://bravo.sintestesia.cl/bot/twilio/webhook\r\n";
        await using var connection = await RawConnection.OpenAsync(system.PublicUrl);

        await connection.SendAsync(await SignedTwilioAsync(Acme, "northern lights", forged));
        var answer = await connection.ReadAnswerAsync();

        // Had a forged copy travelled beside the gateway's own, the bot host would have refused the proof (401).
        Assert.True(answer?.Status == 200, $"{answer}");
        Assert.Contains("Northern Lights", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConnectionAskingToCloseIsClosedAfterItsAnswer()
    {
        await using var connection = await RawConnection.OpenAsync(system.PublicUrl);

        await connection.SendAsync(await SignedTwilioAsync(Acme, "hola", "Connection: close\r\n"));
        var answer = await connection.ReadAnswerAsync();

        Assert.True(answer?.Status == 200, $"{answer}");
        Assert.Contains("close", answer.Headers["Connection"]);
        Assert.True(await connection.IsClosedByServerAsync());
    }

    public static TheoryData<string, int> NotForTheFastPath => new()
    {
        // Kestrel lets Transfer-Encoding win over Content-Length, as RFC 9112 allows; the empty body then reaches the bot host (415).
        { "POST /bot/twilio/webhook HTTP/1.1\r\nHost: acme.sintestesia.cl\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 415 },
        { "POST /bot/twilio/webhook HTTP/1.1\r\nHost: acme.sintestesia.cl\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400 },
        { "POST /bot/twilio/webhook HTTP/1.1\r\nHost: no-such-shop.sintestesia.cl\r\nContent-Length: 2\r\n\r\nab", 404 },
        { "POST /bot/twilio/webhook HTTP/1.1\r\nHost: evil.example\r\nContent-Length: 2\r\n\r\nab", 404 },
        { "POST /bot/twilio/webhook HTTP/1.1\r\nHost: acme.sintestesia.cl\r\nContent-Length: 70000\r\n\r\n", 413 },
        { "GET /healthz HTTP/1.1\r\nHost: acme.sintestesia.cl\r\n\r\n", 200 },
        { "POST /admin/tenants HTTP/1.1\r\nHost: acme.sintestesia.cl\r\nContent-Length: 2\r\n\r\n{}", 404 },
    };

    [Theory]
    [MemberData(nameof(NotForTheFastPath))]
    public async Task ARequestTheFastPathDoesNotTakeGetsTheFullPipelinesAnswer(string request, int status)
    {
        var before = await CountersAsync();
        await using var connection = await RawConnection.OpenAsync(system.PublicUrl);

        await connection.SendAsync(request);
        var answer = await connection.ReadAnswerAsync();

        var after = await CountersAsync();
        Assert.True(answer?.Status == status, $"expected {status}, got {answer}");
        Assert.Equal(before.HandedOff + 1, after.HandedOff);
        Assert.Equal(before.Forwarded, after.Forwarded);
    }

    [Fact]
    public async Task AfterARequestForTheFullPipelineTheSameConnectionStillServesWebhooks()
    {
        await using var connection = await RawConnection.OpenAsync(system.PublicUrl);

        await connection.SendAsync("GET /healthz HTTP/1.1\r\nHost: acme.sintestesia.cl\r\n\r\n" + await SignedTwilioAsync(Acme, "northern lights"));
        var health = await connection.ReadAnswerAsync();
        var answer = await connection.ReadAnswerAsync();

        Assert.Equal(200, health?.Status);
        Assert.True(answer?.Status == 200, $"{answer}");
        Assert.Contains("Northern Lights", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AShopOverItsLimitIsRefusedWith429RetryAfterAndASentence()
    {
        var shop = DemoShop.MundoCanino;
        await system.Database.ExecuteAsync("UPDATE tenant_clients SET rate_limit_per_minute = 1 WHERE slug = @slug", ("@slug", shop.Slug));
        await using var connection = await RawConnection.OpenAsync(system.PublicUrl);

        var (refused, _) = await Poll.UntilAsync(async () =>
        {
            await connection.SendAsync(await SignedTwilioAsync(shop, "hola"));
            return await connection.ReadAnswerAsync();
        }, a => a?.Status != 200, TimeSpan.FromSeconds(10));

        Assert.True(refused?.Status == 429, $"{refused}");
        Assert.True(int.Parse(refused.Headers["Retry-After"].Single(), CultureInfo.InvariantCulture) > 0);
        Assert.StartsWith("application/json", refused.Headers["Content-Type"].Single(), StringComparison.Ordinal);
        Assert.Contains($"'{shop.Slug}'", refused.Body, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"error\"", refused.Body, StringComparison.Ordinal);
    }

    private static async Task<string> SignedTwilioAsync(DemoShop shop, string question, string extraHeaders = "")
    {
        var form = TwilioForm.Inbound(shop.TwilioNumber, question);
        using var content = new FormUrlEncodedContent(form);
        var body = await content.ReadAsStringAsync();
        return $"POST /bot/twilio/webhook HTTP/1.1\r\nHost: {shop.Slug}.sintestesia.cl\r\n" +
            "Content-Type: application/x-www-form-urlencoded\r\n" +
            $"X-Twilio-Signature: {TwilioSignature.Compute(shop.TwilioAuthToken, shop.TwilioWebhookUrl, form)}\r\n" +
            $"{extraHeaders}Content-Length: {body.Length}\r\n\r\n{body}";
    }

    /// <summary>Acme's bot host answered about Northern Lights, and the fast path counted one request and handed off no connection.</summary>
    private async Task AssertAnsweredByTheFastPathAsync(RawAnswer? answer, (long Forwarded, long HandedOff) before)
    {
        var after = await CountersAsync();
        Assert.True(answer?.Status == 200, $"{answer}");
        Assert.Contains("Northern Lights", answer.Body, StringComparison.Ordinal);
        Assert.Equal(before.Forwarded + 1, after.Forwarded);
        Assert.Equal(before.HandedOff, after.HandedOff);
    }

    private async Task<(long Forwarded, long HandedOff)> CountersAsync()
    {
        var metrics = await system.GetAsync(system.InternalUrl, "/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.Status);
        long Read(string name) => long.Parse(
            metrics.Body.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal)).Split(' ')[1], CultureInfo.InvariantCulture);
        return (Read("sintestesia_gateway_fast_path_requests_total"), Read("sintestesia_gateway_fast_path_handoffs_total"));
    }
}
