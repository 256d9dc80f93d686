using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.BadInput;

/// <summary>Each bad message gets a clear 4xx JSON sentence, never a 5xx.</summary>
[Collection(SharedSystemDefinition.Name)]
public sealed class WebhookBodyTests(SharedSystem system)
{
    [Theory]
    [InlineData("{\"telefono\":\"+56911111111\",\"mensaje\":")]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("[{\"telefono\":\"+56911111111\",\"mensaje\":\"hola\"}]")]
    [InlineData("\"hola\"")]
    [InlineData("{\"mensaje\":\"hola\"}")]
    [InlineData("{\"telefono\":\"\",\"mensaje\":\"hola\"}")]
    [InlineData("{\"telefono\":\"   \",\"mensaje\":\"hola\"}")]
    [InlineData("{\"telefono\":56911111111,\"mensaje\":\"hola\"}")]
    [InlineData("{\"telefono\":\"+56911111111\"}")]
    [InlineData("{\"telefono\":\"+56911111111\",\"mensaje\":\"\"}")]
    [InlineData("{\"telefono\":\"+56911111111\",\"mensaje\":\"  \"}")]
    [InlineData("{\"telefono\":\"+56911111111\",\"mensaje\":null}")]
    public async Task BadMessageIsABadRequestWithASentence(string body)
    {
        var reply = await system.PostRawAsync("/webhook/acme", body);

        ErrorReply.AssertSentence(reply, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task UnknownShopIsNotFound()
    {
        ErrorReply.AssertSentence(await system.AskAsync("tienda-que-no-existe", "hola"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetOnTheWebhookIsMethodNotAllowedInJson()
    {
        var reply = await system.GetAsync(system.InternalUrl, "/webhook/acme");

        ErrorReply.AssertSentence(reply, HttpStatusCode.MethodNotAllowed);
    }
}
