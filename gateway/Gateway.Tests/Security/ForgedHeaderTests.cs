using System.Net;
using System.Xml.Linq;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Security;

/// <summary>Gateway headers sent by a client never change which shop answers.</summary>
[Collection(SharedSystemDefinition.Name)]
public sealed class ForgedHeaderTests(SharedSystem system)
{
    [Fact]
    public async Task ForgedTenantHeaderIsIgnored()
    {
        var forBravo = await system.AskAsync("acme", "playstation 5", Forge);
        var forAcme = await system.AskAsync("acme", "northern lights", Forge);

        Assert.True(forBravo.Status == HttpStatusCode.OK, forBravo.ToString());
        Assert.Equal(DemoShop.Acme.Id, forBravo.Field("tenant_id"));
        Assert.Equal("slug", forBravo.Field("resolved_by"));
        Assert.DoesNotContain("PlayStation", forBravo.Field("respuesta"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Northern Lights", forAcme.Field("respuesta"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedTenantHeaderOnTheTwilioWebhookIsIgnored()
    {
        var form = TwilioForm.Inbound(DemoShop.Acme.TwilioNumber, "playstation 5");

        var reply = await system.TwilioAsync("acme.sintestesia.cl", form,
            TwilioSignature.Compute(DemoShop.Acme.TwilioAuthToken, DemoShop.Acme.TwilioWebhookUrl, form), Forge);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.DoesNotContain("PlayStation", XDocument.Parse(reply.Body).Root?.Element("Message")?.Value, StringComparison.OrdinalIgnoreCase);
    }

    private static void Forge(HttpRequestMessage request)
    {
        request.Headers.Add("X-Tenant-Id", DemoShop.Bravo.Id);
        request.Headers.Add("X-Tenant-Resolved-By", "slug");
        request.Headers.Add("X-Gateway-Timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Gateway-Proof", Convert.ToBase64String(new byte[32]));
        request.Headers.Add("X-Gateway-Public-Url", "https://bravo.sintestesia.cl/bot/twilio/webhook");
    }
}
