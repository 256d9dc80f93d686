using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Admin;

/// <summary>A gateway started without <c>Admin:Token</c>.</summary>
public sealed class ClosedAdminSystem() : RunningSystem(botHostCount: 1, adminApi: false);

public sealed class ClosedAdminApiTests(ClosedAdminSystem system) : IClassFixture<ClosedAdminSystem>
{
    [Fact]
    public async Task AdminApiWithoutAConfiguredTokenIsUnavailableAndSaysHowToSetIt()
    {
        var reply = await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{DemoShop.Acme.Id}");

        ErrorReply.AssertSentence(reply, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("Admin:Token", reply.Field("error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminApiWithoutAConfiguredTokenCreatesNothing()
    {
        var reply = await system.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = "Nadie", Slug = "nadie" });

        ErrorReply.AssertSentence(reply, HttpStatusCode.ServiceUnavailable);
        ErrorReply.AssertSentence(await system.AskAsync("nadie", "hola"), HttpStatusCode.NotFound);
    }
}
