using System.Net;
using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Meta;

/// <summary>Meta's subscription handshake: <c>GET</c> with <c>hub.mode</c>, <c>hub.verify_token</c> and <c>hub.challenge</c>.</summary>
public abstract class MetaVerificationTests(MetaBotHostFixture meta)
{
    private BotHostFixture Host => meta.Host;

    [Fact]
    public async Task TheShopsVerifyTokenGetsTheChallengeBackAsPlainText()
    {
        using var request = Host.Gateway.Verification(MetaShops.Acme, "subscribe", MetaShops.Acme.VerifyToken, "1158201444");
        using var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1158201444", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnotherShopsVerifyTokenIsForbidden()
    {
        using var request = Host.Gateway.Verification(MetaShops.Acme, "subscribe", MetaShops.Bravo.VerifyToken, "1158201444");
        using var response = await Host.Client.SendAsync(request);

        await Responses.AssertErrorAsync(response, HttpStatusCode.Forbidden);
        Assert.DoesNotContain("1158201444", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongTokenIsForbidden()
    {
        using var request = Host.Gateway.Verification(MetaShops.Acme, "subscribe", MetaShops.Acme.VerifyToken + "x", "42");
        using var response = await Host.Client.SendAsync(request);

        await Responses.AssertErrorAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AModeOtherThanSubscribeIsForbidden()
    {
        using var request = Host.Gateway.Verification(MetaShops.Acme, "unsubscribe", MetaShops.Acme.VerifyToken, "42");
        using var response = await Host.Client.SendAsync(request);

        await Responses.AssertErrorAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AHandshakeWithoutTheGatewaysProofIsRefused()
    {
        using var response = await Host.Client.GetAsync(new Uri(
            $"{MetaRequests.Path}?hub.mode=subscribe&hub.verify_token={MetaShops.Acme.VerifyToken}&hub.challenge=42", UriKind.Relative));

        await Responses.AssertErrorAsync(response, HttpStatusCode.Unauthorized);
    }
}

[Collection(OneMetaBotHostOnSqlite.Name)]
public sealed class MetaVerificationOnSqliteTests(MetaBotHostOnSqlite meta) : MetaVerificationTests(meta);

[Collection(OneMetaBotHostOnPostgres.Name)]
public sealed class MetaVerificationOnPostgresTests(MetaBotHostOnPostgres meta) : MetaVerificationTests(meta);
