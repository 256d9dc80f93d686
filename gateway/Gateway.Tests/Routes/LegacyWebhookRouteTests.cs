using System.Net;
using System.Xml.Linq;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Routes;

/// <summary><c>POST /webhook</c> for old integrations: the tenant comes from the body.</summary>
[Collection(SharedSystemDefinition.Name)]
public sealed class LegacyWebhookRouteTests(SharedSystem system)
{
    [Fact]
    public async Task LegacyWebhookServesTheShopNamedBySlug()
    {
        var reply = await system.PostJsonAsync("/webhook", new { Slug = "bravo", Telefono = GatewayCalls.Shopper, Mensaje = "hola" });

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(DemoShop.Bravo.Id, reply.Field("tenant_id"));
        Assert.Contains(DemoShop.Bravo.Name, reply.Field("respuesta"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LegacyWebhookServesTheShopNamedByTenantId()
    {
        var reply = await system.PostJsonAsync("/webhook", new { TenantId = DemoShop.MundoCanino.Id, Telefono = GatewayCalls.Shopper, Mensaje = "hola" });

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(DemoShop.MundoCanino.Id, reply.Field("tenant_id"));
        Assert.Contains(DemoShop.MundoCanino.Name, reply.Field("respuesta"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LegacyTwilioFormIsRoutedByItsToNumberAndAnsweredInTwiml()
    {
        var form = TwilioForm.Inbound(DemoShop.Bravo.TwilioNumber, "playstation 5");
        // Not resolved by Host: the gateway reports the URL as the client called it, https and without port.
        var signature = TwilioSignature.Compute(DemoShop.Bravo.TwilioAuthToken, $"https://{system.InternalUrl.Host}/webhook", form);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(system.InternalUrl, "/webhook")) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature);

        var reply = await system.SendAsync(request);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Contains(reply.MediaType, new[] { "text/xml", "application/xml" });
        var message = XDocument.Parse(reply.Body).Root?.Element("Message")?.Value;
        Assert.Contains("PlayStation 5", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LegacyWebhookWithNothingNamingAShopSaysHowToConfigureIt()
    {
        var reply = await system.PostJsonAsync("/webhook", new { Telefono = GatewayCalls.Shopper, Mensaje = "hola" });

        ErrorReply.AssertSentence(reply, HttpStatusCode.NotFound);
        Assert.Contains("Gateway:LegacyTenant", reply.Field("error"), StringComparison.Ordinal);
    }
}
