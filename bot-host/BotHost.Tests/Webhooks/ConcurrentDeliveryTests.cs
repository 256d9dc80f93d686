using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Webhooks;

/// <summary>
/// Many copies of one Twilio message arriving at the same moment are processed once. The signatures are computed
/// by the test from Twilio's documented algorithm, not by the product's Twilio library.
/// </summary>
public abstract class ConcurrentDeliveryTests(BotHostFixture host)
{
    private const int Copies = 5;

    [Fact]
    public async Task FiveCopiesOfOneMessageSidAtOnceGetIdenticalAnswersAndAreStoredOnce()
    {
        var phone = Shoppers.NewPhone();
        var form = Shoppers.TwilioForm(phone, "northern lights");

        var replies = await Task.WhenAll(Enumerable.Range(0, Copies).Select(_ => SendAsync(form)));

        Assert.All(replies, r => Assert.Equal(replies[0], r));
        Assert.Contains("*Northern Lights*: $19.990", replies[0], StringComparison.Ordinal);
        var rows = await host.Sql.MessagesAsync(DemoShops.AcmeId, phone);
        var inbound = Assert.Single(rows, r => r.Direction == "inbound");
        var outbound = Assert.Single(rows, r => r.Direction == "outbound");
        Assert.Equal(inbound.Id, outbound.InReplyToId);
        Assert.Equal(replies[0], outbound.Body);
        Assert.Equal(form["MessageSid"], (await host.Messages.ForPhoneAsync(phone)).Single(r => r.Direction == "inbound").ProviderMessageId);
    }

    [Fact]
    public async Task FiveCopiesOfAFollowUpAtOnceAnswerFromTheMemoryOnceAndLeaveItIntact()
    {
        var phone = Shoppers.NewPhone();
        await SendAsync(Shoppers.TwilioForm(phone, "northern lights"));
        var followUp = Shoppers.TwilioForm(phone, "y cuánto cuesta?");

        var replies = await Task.WhenAll(Enumerable.Range(0, Copies).Select(_ => SendAsync(followUp)));
        var later = await SendAsync(Shoppers.TwilioForm(phone, "y cuánto cuesta?"));

        Assert.All(replies, r => Assert.Equal("*Northern Lights* cuesta $19.990 y tenemos 15 unidades.", r));
        Assert.Equal(replies[0], later);
        Assert.Equal(6, (await host.Sql.MessagesAsync(DemoShops.AcmeId, phone)).Count);
    }

    [Fact]
    public async Task FiveDifferentMessageSidsAtOnceAreFiveMessages()
    {
        var phone = Shoppers.NewPhone();

        var replies = await Task.WhenAll(Enumerable.Range(0, Copies).Select(_ => SendAsync(Shoppers.TwilioForm(phone, "white widow"))));

        Assert.All(replies, r => Assert.Contains("*White Widow*", r, StringComparison.Ordinal));
        var rows = await host.Sql.MessagesAsync(DemoShops.AcmeId, phone);
        Assert.Equal(Copies, rows.Count(r => r.Direction == "inbound"));
        Assert.Equal(Copies, rows.Count(r => r.Direction == "outbound"));
    }

    [Fact]
    public async Task CopiesOfAQuietMessageAtOnceAreAllQuietAndStoredOnce()
    {
        var phone = Shoppers.NewPhone();
        Assert.NotNull(await host.SayToAcmeOnTwilioAsync(phone, "BAJA"));
        var form = Shoppers.TwilioForm(phone, "hola");

        var replies = await Task.WhenAll(Enumerable.Range(0, Copies).Select(_ =>
            host.SayOnTwilioAsync(DemoShops.AcmeId, DemoShops.AcmeTwilioUrl, DemoShops.AcmeToken, form)));

        Assert.All(replies, Assert.Null);
        var rows = await host.Sql.MessagesAsync(DemoShops.AcmeId, phone);
        Assert.Equal(["sent", "suppressed"], rows.Where(r => r.Direction == "outbound").Select(r => r.Status));
        Assert.Equal(2, rows.Count(r => r.Direction == "inbound"));
    }

    private async Task<string> SendAsync(IReadOnlyDictionary<string, string> form)
    {
        var reply = await host.SayOnTwilioAsync(DemoShops.AcmeId, DemoShops.AcmeTwilioUrl, DemoShops.AcmeToken, form);
        Assert.NotNull(reply);
        return reply;
    }
}

[Collection(OneBotHostOnSqlite.Name)]
public sealed class ConcurrentDeliveryOnSqliteTests(BotHostOnSqlite host) : ConcurrentDeliveryTests(host);

[Collection(OneBotHostOnPostgres.Name)]
public sealed class ConcurrentDeliveryOnPostgresTests(BotHostOnPostgres host) : ConcurrentDeliveryTests(host);
