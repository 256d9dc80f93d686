using System.Net;
using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Webhooks;

/// <summary>Twilio retries a webhook it did not see answered; each MessageSid is processed once.</summary>
public abstract class TwilioRetryTests(BotHostFixture host)
{
    [Fact]
    public async Task TheSameMessageSidTwiceGetsTheSameReplyAndIsStoredOnce()
    {
        var phone = Shoppers.NewPhone();
        var form = Shoppers.TwilioForm(phone, "northern lights");
        var first = await SendAsync(form);
        var second = await SendAsync(form);

        Assert.Equal(first, second);
        await AssertStoredOnceAsync(phone, form["MessageSid"]);
    }

    [Fact]
    public async Task TwoCopiesArrivingTogetherGetTheSameReplyAndAreStoredOnce()
    {
        var phone = Shoppers.NewPhone();
        var form = Shoppers.TwilioForm(phone, "white widow");
        var replies = await Task.WhenAll(SendAsync(form), SendAsync(form));

        Assert.Equal(replies[0], replies[1]);
        await AssertStoredOnceAsync(phone, form["MessageSid"]);
    }

    /// <summary>
    /// Found on PostgreSQL, whose identity column does not move past IDs ops inserted by plain SQL, so the bot host's
    /// next row collided: any refused row was taken for a redelivery, and the shopper got nothing after a ten-second
    /// wait. A trigger stands in for the refusal here, the same on both databases.
    /// </summary>
    [Fact]
    public async Task AMessageTheDatabaseRefusesFailsAtOnceInsteadOfPassingForARedelivery()
    {
        var phone = Shoppers.NewPhone();
        await using (await host.Database.RefuseRowsAsync("messages", "phone", phone))
        {
            var form = Shoppers.TwilioForm(phone, "northern lights");
            using var request = host.Gateway.Twilio(DemoShops.AcmeId, DemoShops.AcmeTwilioUrl, form,
                TwilioSignature.Compute(DemoShops.AcmeToken, DemoShops.AcmeTwilioUrl, form));
            using var response = await host.Client.SendAsync(request);

            await Responses.AssertErrorAsync(response, HttpStatusCode.InternalServerError);
        }

        Assert.Contains("Northern Lights", await SendAsync(Shoppers.TwilioForm(phone, "northern lights")), StringComparison.Ordinal);
    }

    private async Task AssertStoredOnceAsync(string phone, string messageSid)
    {
        var rows = await host.Messages.ForPhoneAsync(phone);
        var inbound = Assert.Single(rows, r => r.Direction == "inbound");
        Assert.Equal(messageSid, inbound.ProviderMessageId);
        Assert.Equal(inbound.Id, Assert.Single(rows, r => r.Direction == "outbound").InReplyToId);
    }

    private async Task<string> SendAsync(Dictionary<string, string> form)
    {
        using var request = host.Gateway.Twilio(DemoShops.AcmeId, DemoShops.AcmeTwilioUrl, form,
            TwilioSignature.Compute(DemoShops.AcmeToken, DemoShops.AcmeTwilioUrl, form));
        using var response = await host.Client.SendAsync(request);
        return await Responses.TwimlMessageAsync(response);
    }
}

[Collection(OneBotHostOnSqlite.Name)]
public sealed class TwilioRetryOnSqliteTests(BotHostOnSqlite host) : TwilioRetryTests(host);

[Collection(OneBotHostOnPostgres.Name)]
public sealed class TwilioRetryOnPostgresTests(BotHostOnPostgres host) : TwilioRetryTests(host);
