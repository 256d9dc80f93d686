using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Routes;

/// <summary><c>POST https://{slug}.sintestesia.cl/bot/twilio/webhook</c> on the public listener.</summary>
public abstract class TwilioWebhookRouteTests(RunningSystem system)
{
    private static readonly DemoShop Acme = DemoShop.Acme;

    [Fact]
    public async Task SignedTwilioFormIsAnsweredInTwiml()
    {
        var form = TwilioForm.Inbound(Acme.TwilioNumber, "northern lights");

        var reply = await system.TwilioAsync("acme.sintestesia.cl", form, TwilioSignature.Compute(Acme.TwilioAuthToken, Acme.TwilioWebhookUrl, form));

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Contains(reply.MediaType, new[] { "text/xml", "application/xml" });
        var root = XDocument.Parse(reply.Body).Root;
        Assert.Equal("Response", root?.Name.LocalName);
        Assert.Contains("Northern Lights", root?.Element("Message")?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsignedTwilioFormIsRefusedAndNothingIsStored()
    {
        var marker = $"sin firma {Guid.NewGuid():N}";

        var reply = await system.TwilioAsync("acme.sintestesia.cl", TwilioForm.Inbound(Acme.TwilioNumber, marker), signature: null);

        ErrorReply.AssertSentence(reply, HttpStatusCode.Forbidden);
        Assert.DoesNotContain(marker, await StoredMessagesAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwilioFormSignedWithAnotherTokenIsRefusedAndNothingIsStored()
    {
        var form = TwilioForm.Inbound(Acme.TwilioNumber, $"firma ajena {Guid.NewGuid():N}");

        var reply = await system.TwilioAsync("acme.sintestesia.cl", form,
            TwilioSignature.Compute(DemoShop.Bravo.TwilioAuthToken, Acme.TwilioWebhookUrl, form));

        ErrorReply.AssertSentence(reply, HttpStatusCode.Forbidden);
        Assert.DoesNotContain(form["Body"], await StoredMessagesAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwilioFormChangedAfterSigningIsRefusedAndNothingIsStored()
    {
        var signed = TwilioForm.Inbound(Acme.TwilioNumber, "hola");
        var signature = TwilioSignature.Compute(Acme.TwilioAuthToken, Acme.TwilioWebhookUrl, signed);
        var tampered = new Dictionary<string, string>(signed) { ["Body"] = $"cambiado {Guid.NewGuid():N}" };

        var reply = await system.TwilioAsync("acme.sintestesia.cl", tampered, signature);

        ErrorReply.AssertSentence(reply, HttpStatusCode.Forbidden);
        Assert.DoesNotContain(tampered["Body"], await StoredMessagesAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameMessageSidTwiceGetsTheSameReplyAndIsProcessedOnce()
    {
        var form = TwilioForm.Inbound(Acme.TwilioNumber, "white widow");
        var signature = TwilioSignature.Compute(Acme.TwilioAuthToken, Acme.TwilioWebhookUrl, form);

        var first = await system.TwilioAsync("acme.sintestesia.cl", form, signature);
        var second = await system.TwilioAsync("acme.sintestesia.cl", form, signature);

        Assert.True(first.Status == HttpStatusCode.OK, first.ToString());
        Assert.Equal(first.Body, second.Body);
        var stored = await system.Database.ScalarAsync(
            "SELECT COUNT(*) FROM messages WHERE provider_message_id = @sid", ("@sid", form["MessageSid"]));
        Assert.Equal(1L, Convert.ToInt64(stored, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task UnknownShopSubdomainIsNotFound()
    {
        var form = TwilioForm.Inbound(Acme.TwilioNumber, "hola");

        var reply = await system.TwilioAsync("no-such-shop.sintestesia.cl", form,
            TwilioSignature.Compute(Acme.TwilioAuthToken, "https://no-such-shop.sintestesia.cl/bot/twilio/webhook", form));

        ErrorReply.AssertSentence(reply, HttpStatusCode.NotFound);
    }

    private async Task<string> StoredMessagesAsync()
    {
        var reply = await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{Acme.Id}/messages?limit=500");
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        return reply.Body;
    }
}

[Collection(SharedSystemDefinition.Name)]
public sealed class TwilioWebhookRouteOnSqliteTests(SharedSystem system) : TwilioWebhookRouteTests(system);

[Collection(PostgresSystemDefinition.Name)]
public sealed class TwilioWebhookRouteOnPostgresTests(PostgresSystem system) : TwilioWebhookRouteTests(system);
