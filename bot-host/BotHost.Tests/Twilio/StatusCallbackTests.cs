using System.Net;
using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Twilio;

/// <summary><c>POST /bot/twilio/status</c> moves the status of the tenant's own message, and only when Twilio signed it.</summary>
public abstract class StatusCallbackTests(TwilioBotHostFixture fixture)
{
    private BotHostFixture Host => fixture.Host;

    [Fact]
    public async Task ADeliveredCallbackUpdatesTheSentMessage()
    {
        var (phone, sid) = await SentToAcmeAsync();
        using var response = await Host.PostStatusAsync(DemoShops.AcmeId, "acme", DemoShops.AcmeToken,
            TwilioRequests.StatusForm(TwilioBotHostFixture.AcmeAccountSid, sid, "delivered"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("delivered", (await Host.SettledOutboundAsync(DemoShops.AcmeId, phone)).Status);
    }

    [Fact]
    public async Task AnUndeliveredCallbackStoresTwiliosErrorAndALateSentDoesNotUndoIt()
    {
        var (phone, sid) = await SentToAcmeAsync();
        using (var failed = await Host.PostStatusAsync(DemoShops.AcmeId, "acme", DemoShops.AcmeToken,
            TwilioRequests.StatusForm(TwilioBotHostFixture.AcmeAccountSid, sid, "undelivered", errorCode: "63016")))
        {
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using (var late = await Host.PostStatusAsync(DemoShops.AcmeId, "acme", DemoShops.AcmeToken,
            TwilioRequests.StatusForm(TwilioBotHostFixture.AcmeAccountSid, sid, "sent")))
        {
            Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        }

        var outbound = await Host.SettledOutboundAsync(DemoShops.AcmeId, phone);
        Assert.Equal("undelivered", outbound.Status);
        Assert.Contains("63016", outbound.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AForgedCallbackIsRefusedAndChangesNothing()
    {
        var (phone, sid) = await SentToAcmeAsync();
        var form = TwilioRequests.StatusForm(TwilioBotHostFixture.AcmeAccountSid, sid, "failed", errorCode: "30008");
        using (var forged = await Host.PostStatusAsync(DemoShops.AcmeId, "acme", DemoShops.BravoToken, form))
        {
            await Responses.AssertErrorAsync(forged, HttpStatusCode.Forbidden);
        }

        using (var unsigned = await Host.PostStatusAsync(DemoShops.AcmeId, "acme", authToken: null, form))
        {
            await Responses.AssertErrorAsync(unsigned, HttpStatusCode.Forbidden);
        }

        var outbound = await Host.SettledOutboundAsync(DemoShops.AcmeId, phone);
        Assert.Equal(("sent", (string?)null), (outbound.Status, outbound.Error));
    }

    [Fact]
    public async Task ACallbackForAnUnknownSidIsAcknowledgedAndIgnored()
    {
        using var response = await Host.PostStatusAsync(DemoShops.AcmeId, "acme", DemoShops.AcmeToken,
            TwilioRequests.StatusForm(TwilioBotHostFixture.AcmeAccountSid, Shoppers.NewMessageSid(), "delivered"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnotherShopsSignedCallbackNeverTouchesThisShopsMessage()
    {
        var (phone, sid) = await SentToAcmeAsync();
        using var response = await Host.PostStatusAsync(DemoShops.BravoId, "bravo", DemoShops.BravoToken,
            TwilioRequests.StatusForm(TwilioBotHostFixture.BravoAccountSid, sid, "read"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sent", (await Host.SettledOutboundAsync(DemoShops.AcmeId, phone)).Status);
    }

    private async Task<(string Phone, string Sid)> SentToAcmeAsync()
    {
        var phone = Shoppers.NewPhone();
        using var response = await Host.PostOutboundAsync(DemoShops.AcmeId, new { to = phone, content_sid = TwilioRequests.NewContentSid() });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var outbound = await Host.SettledOutboundAsync(DemoShops.AcmeId, phone);
        Assert.Equal("sent", outbound.Status);
        return (phone, outbound.ProviderMessageId!);
    }
}

[Collection(OneTwilioBotHostOnSqlite.Name)]
public sealed class StatusCallbackOnSqliteTests(TwilioBotHostOnSqlite fixture) : StatusCallbackTests(fixture);

[Collection(OneTwilioBotHostOnPostgres.Name)]
public sealed class StatusCallbackOnPostgresTests(TwilioBotHostOnPostgres fixture) : StatusCallbackTests(fixture);
