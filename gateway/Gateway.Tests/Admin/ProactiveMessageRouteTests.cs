using System.Net;
using System.Net.Http.Headers;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Admin;

/// <summary><c>POST /admin/tenants/{id}/messages</c>: ops' proactive messages, checked by the gateway and sent by a bot host.</summary>
[Collection(SharedSystemDefinition.Name)]
public sealed class ProactiveMessageRouteTests(SharedSystem system)
{
    [Fact]
    public async Task WithoutTheAdminTokenNothingIsForwarded()
    {
        var reply = await system.AdminAsync(HttpMethod.Post, $"/admin/tenants/{DemoShop.Acme.Id}/messages",
            new { To = "+56911110000", Body = "Hola" }, new AuthenticationHeaderValue("Bearer", "wrong"));

        ErrorReply.AssertSentence(reply, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnUnknownShopIsNotFound()
    {
        var reply = await system.AdminAsync(HttpMethod.Post, "/admin/tenants/no-existe-2024/messages", new { To = "+56911110000", Body = "Hola" });

        ErrorReply.AssertSentence(reply, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task FreeTextToAShopperWhoNeverWroteIsRefusedByTheTwentyFourHourRule()
    {
        var reply = await system.AdminAsync(HttpMethod.Post, $"/admin/tenants/{DemoShop.Acme.Id}/messages",
            new { To = "+56911119999", Body = "¡Tenemos ofertas!" });

        ErrorReply.AssertSentence(reply, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("content_sid", reply.Field("error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheListOfMessagesStillAnswersOnTheSamePath()
    {
        var reply = await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{DemoShop.Acme.Id}/messages?limit=5");

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
    }
}
