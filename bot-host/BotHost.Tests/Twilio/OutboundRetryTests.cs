using System.Net;
using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Twilio;

/// <summary>REST sends are retried with backoff on 5xx (three tries by default), and the outcome is stored.</summary>
public abstract class OutboundRetryTests(TwilioBotHostFixture fixture)
{
    private BotHostFixture Host => fixture.Host;

    [Fact]
    public async Task TwoServerErrorsFromTwilioAreRetriedAndTheThirdTrySends()
    {
        var phone = Shoppers.NewPhone();
        fixture.TwilioApi.FailFor(TwilioRequests.WhatsApp(phone), times: 2);
        await SendTemplateAsync(phone);

        var calls = await fixture.TwilioApi.WaitForCallsAsync(TwilioRequests.WhatsApp(phone), 3);
        Assert.Equal([500, 500, 201], calls.Select(c => c.Status));
        var outbound = await Host.SettledOutboundAsync(DemoShops.AcmeId, phone);
        Assert.Equal(("sent", calls[2].Sid, (string?)null), (outbound.Status, outbound.ProviderMessageId, outbound.Error));
    }

    [Fact]
    public async Task TwilioFailingEveryTryLeavesTheMessageFailedWithTheError()
    {
        var phone = Shoppers.NewPhone();
        fixture.TwilioApi.FailFor(TwilioRequests.WhatsApp(phone), times: int.MaxValue);
        await SendTemplateAsync(phone);

        var outbound = await Host.SettledOutboundAsync(DemoShops.AcmeId, phone);
        Assert.Equal("failed", outbound.Status);
        Assert.Null(outbound.ProviderMessageId);
        Assert.Contains("500", outbound.Error, StringComparison.Ordinal);
        Assert.Equal(3, fixture.TwilioApi.CallsTo(TwilioRequests.WhatsApp(phone)).Count);
    }

    [Fact]
    public async Task ACallTwilioNeverAnswersTimesOutAndIsRetried()
    {
        var phone = Shoppers.NewPhone();
        fixture.TwilioApi.HangFor(TwilioRequests.WhatsApp(phone), times: 1);
        await SendTemplateAsync(phone);

        var calls = await fixture.TwilioApi.WaitForCallsAsync(TwilioRequests.WhatsApp(phone), 2);
        var outbound = await Host.SettledOutboundAsync(DemoShops.AcmeId, phone);
        Assert.Equal(("sent", calls[1].Sid), (outbound.Status, outbound.ProviderMessageId));
        Assert.Equal(2, fixture.TwilioApi.CallsTo(TwilioRequests.WhatsApp(phone)).Count);
    }

    private async Task SendTemplateAsync(string phone)
    {
        using var response = await Host.PostOutboundAsync(DemoShops.AcmeId, new { to = phone, content_sid = TwilioRequests.NewContentSid() });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}

[Collection(OneTwilioBotHostOnSqlite.Name)]
public sealed class OutboundRetryOnSqliteTests(TwilioBotHostOnSqlite fixture) : OutboundRetryTests(fixture);

[Collection(OneTwilioBotHostOnPostgres.Name)]
public sealed class OutboundRetryOnPostgresTests(TwilioBotHostOnPostgres fixture) : OutboundRetryTests(fixture);
