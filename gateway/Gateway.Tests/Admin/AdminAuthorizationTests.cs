using System.Net;
using System.Net.Http.Headers;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Admin;

[Collection(SharedSystemDefinition.Name)]
public sealed class AdminAuthorizationTests(SharedSystem system)
{
    public static TheoryData<string, string?> WrongCredentials => new()
    {
        { "none", null },
        { "Bearer", "wrong-token" },
        { "Bearer", string.Empty },
        { "Basic", "YWRtaW46YWRtaW4=" },
    };

    [Theory]
    [MemberData(nameof(WrongCredentials))]
    public async Task AdminApiWithoutTheRightBearerTokenIsUnauthorized(string scheme, string? value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(system.InternalUrl, $"/admin/tenants/{DemoShop.Acme.Id}"));
        if (scheme != "none")
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {value}");
        }

        var reply = await system.SendAsync(request);

        ErrorReply.AssertSentence(reply, HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(DemoShop.Acme.Name, reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteWithAWrongTokenChangesNothing()
    {
        var reply = await system.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = "Intrusa", Slug = "intrusa" },
            new AuthenticationHeaderValue("Bearer", "wrong-token"));

        ErrorReply.AssertSentence(reply, HttpStatusCode.Unauthorized);
        ErrorReply.AssertSentence(await system.AskAsync("intrusa", "hola"), HttpStatusCode.NotFound);
    }
}
