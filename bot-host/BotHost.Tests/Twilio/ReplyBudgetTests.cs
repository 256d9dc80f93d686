using System.Diagnostics;
using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Twilio;

/// <summary>An answer later than <c>Twilio:ReplyBudgetSeconds</c> leaves through the REST API instead of TwiML.</summary>
public abstract class ReplyBudgetTests(TwilioBotHostFixture fixture)
{
    private static readonly TimeSpan SlowModel = TimeSpan.FromSeconds(TwilioBotHostFixture.ReplyBudgetSeconds + 2.5);

    private BotHostFixture Host => fixture.Host;

    [Fact]
    public async Task ASlowAnswerGetsEmptyTwimlWithinTheBudgetAndIsThenSentOnceFromTheShopsNumber()
    {
        fixture.Model.AnswerAfter(SlowModel, TwilioBotHostFixture.Ps5Answer);
        var phone = Shoppers.NewPhone();
        var clock = Stopwatch.StartNew();
        var twiml = await Host.SayOnTwilioAsync(DemoShops.BravoId, DemoShops.BravoTwilioUrl, DemoShops.BravoToken,
            Shoppers.TwilioForm(phone, "playstation 5"));
        var answeredIn = clock.Elapsed;

        Assert.Null(twiml);
        Assert.InRange(answeredIn, TimeSpan.FromSeconds(TwilioBotHostFixture.ReplyBudgetSeconds - 0.5), SlowModel - TimeSpan.FromSeconds(1));
        Assert.Empty(fixture.TwilioApi.CallsTo(TwilioRequests.WhatsApp(phone)));

        var call = Assert.Single(await fixture.TwilioApi.WaitForCallsAsync(TwilioRequests.WhatsApp(phone), 1));
        Assert.Equal(TwilioBotHostFixture.BravoAccountSid, call.AccountSid);
        Assert.Equal((TwilioBotHostFixture.BravoAccountSid, DemoShops.BravoToken), (call.User, call.Password));
        Assert.Equal(TwilioRequests.WhatsApp(TwilioBotHostFixture.BravoNumber), call["From"]);
        Assert.Contains("PlayStation 5", call["Body"], StringComparison.Ordinal);
        Assert.Equal(TwilioRequests.StatusUrl("bravo"), call["StatusCallback"]);

        var outbound = await Host.SettledOutboundAsync(DemoShops.BravoId, phone);
        Assert.Equal(("sent", call.Sid, call["Body"]), (outbound.Status, outbound.ProviderMessageId, outbound.Body));
        Assert.Single(fixture.TwilioApi.CallsTo(TwilioRequests.WhatsApp(phone)));
    }

    [Fact]
    public async Task TwilioRetryingALateWebhookGetsEmptyTwimlAndTheAnswerIsStillSentOnce()
    {
        fixture.Model.AnswerAfter(SlowModel, TwilioBotHostFixture.Ps5Answer);
        var phone = Shoppers.NewPhone();
        var form = Shoppers.TwilioForm(phone, "playstation 5");
        Assert.Null(await Host.SayOnTwilioAsync(DemoShops.BravoId, DemoShops.BravoTwilioUrl, DemoShops.BravoToken, form));
        await fixture.TwilioApi.WaitForCallsAsync(TwilioRequests.WhatsApp(phone), 1);
        await Host.SettledOutboundAsync(DemoShops.BravoId, phone);

        Assert.Null(await Host.SayOnTwilioAsync(DemoShops.BravoId, DemoShops.BravoTwilioUrl, DemoShops.BravoToken, form));
        Assert.Single(fixture.TwilioApi.CallsTo(TwilioRequests.WhatsApp(phone)));
        Assert.Equal(2, (await Host.RowsAsync(DemoShops.BravoId, phone)).Count);
    }

    [Fact]
    public async Task AnAnswerReadyWithinTheBudgetIsAnsweredInTwimlAndNothingGoesThroughTheApi()
    {
        fixture.Model.AnswerWith(TwilioBotHostFixture.Ps5Answer);
        var phone = Shoppers.NewPhone();
        var twiml = await Host.SayOnTwilioAsync(DemoShops.BravoId, DemoShops.BravoTwilioUrl, DemoShops.BravoToken,
            Shoppers.TwilioForm(phone, "playstation 5"));

        Assert.Contains("PlayStation 5", twiml, StringComparison.Ordinal);
        var outbound = Assert.Single(await Host.RowsAsync(DemoShops.BravoId, phone), r => r.Direction == "outbound");
        Assert.Equal(("sent", (string?)null), (outbound.Status, outbound.ProviderMessageId));
        Assert.Empty(fixture.TwilioApi.CallsTo(TwilioRequests.WhatsApp(phone)));
    }
}

[Collection(OneTwilioBotHostOnSqlite.Name)]
public sealed class ReplyBudgetOnSqliteTests(TwilioBotHostOnSqlite fixture) : ReplyBudgetTests(fixture);

[Collection(OneTwilioBotHostOnPostgres.Name)]
public sealed class ReplyBudgetOnPostgresTests(TwilioBotHostOnPostgres fixture) : ReplyBudgetTests(fixture);
