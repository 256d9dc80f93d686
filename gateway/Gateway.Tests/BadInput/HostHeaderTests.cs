using System.Net;
using System.Xml.Linq;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.BadInput;

/// <summary>Host headers on the public listener: any case, port or trailing dot still names the shop; nothing else does.</summary>
[Collection(SharedSystemDefinition.Name)]
public sealed class HostHeaderTests(SharedSystem system)
{
    [Theory]
    [InlineData("acme.sintestesia.cl")]
    [InlineData("ACME.SINTESTESIA.CL")]
    [InlineData("acme.sintestesia.cl:8080")]
    [InlineData("acme.sintestesia.cl.")]
    public async Task HostNamingTheShopResolvesIt(string host)
    {
        var reply = await SignedAcmeTwilioAsync(host);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Contains("Northern Lights", XDocument.Parse(reply.Body).Root?.Element("Message")?.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme.sintestesia.cl.evil.com")]
    [InlineData("evil.com")]
    [InlineData("a.b.sintestesia.cl")]
    [InlineData("sintestesia.cl")]
    [InlineData("acmesintestesia.cl")]
    [InlineData("127.0.0.1")]
    public async Task HostThatIsNotAShopIsNotFound(string host)
    {
        ErrorReply.AssertSentence(await SignedAcmeTwilioAsync(host), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("POST /bot/twilio/webhook HTTP/1.1\r\nHost: \r\nContent-Length: 0\r\nConnection: close\r\n\r\n")]
    [InlineData("POST /bot/twilio/webhook HTTP/1.0\r\nContent-Length: 0\r\n\r\n")]
    public async Task EmptyOrMissingHostIsRefused(string request)
    {
        var (status, response) = await RawHttp.SendAsync(system.PublicUrl, request);

        Assert.True(status is 400 or 404, response);
    }

    private Task<Reply> SignedAcmeTwilioAsync(string host)
    {
        var form = TwilioForm.Inbound(DemoShop.Acme.TwilioNumber, "northern lights");
        return system.TwilioAsync(host, form, TwilioSignature.Compute(DemoShop.Acme.TwilioAuthToken, DemoShop.Acme.TwilioWebhookUrl, form));
    }
}
