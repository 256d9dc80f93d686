using System.Net;
using System.Security.Cryptography;
using System.Text;
using Sintestesia.BotHost.Tests.Infrastructure;
using Sintestesia.TenantConfig.Proof;

namespace Sintestesia.BotHost.Tests.Security;

public abstract class GatewayProofTests(BotHostFixture host)
{
    [Fact]
    public async Task AProofFromTheGatewayIsAccepted()
    {
        using var request = host.Gateway.Json(DemoShops.AcmeId, Shoppers.Json(Shoppers.NewPhone(), "hola"));
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ARequestWithoutProofIsRefusedAndNothingIsStored()
    {
        var phone = Shoppers.NewPhone();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhook")
        {
            Content = new StringContent(Shoppers.Json(phone, "northern lights"), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(GatewayProof.TenantIdHeader, DemoShops.AcmeId);
        using var response = await host.Client.SendAsync(request);
        await Responses.AssertErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Empty(await host.Messages.ForPhoneAsync(phone));
    }

    [Fact]
    public async Task AProofForOneTenantNeverServesAnother()
    {
        var phone = Shoppers.NewPhone();
        var signedFor = DemoShops.JsonWebhook(DemoShops.AcmeId);
        using var request = host.Gateway.Create(signedFor with { TenantId = DemoShops.BravoId }, Json(phone), signedFor);
        using var response = await host.Client.SendAsync(request);
        await Responses.AssertErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Empty(await host.Messages.ForPhoneAsync(phone));
    }

    [Theory]
    [InlineData("path")]
    [InlineData("method")]
    [InlineData("public url")]
    [InlineData("resolved by")]
    public async Task AProofForAnotherRequestIsRefused(string differs)
    {
        var sent = DemoShops.JsonWebhook(DemoShops.AcmeId);
        var signedFor = differs switch
        {
            "path" => sent with { Path = DemoShops.TwilioPath },
            "method" => sent with { Method = "GET" },
            "public url" => sent with { PublicUrl = DemoShops.AcmeTwilioUrl },
            _ => sent with { ResolvedBy = "name" },
        };
        using var request = host.Gateway.Create(sent, Json(Shoppers.NewPhone()), signedFor);
        using var response = await host.Client.SendAsync(request);
        await Responses.AssertErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(-600)]
    [InlineData(600)]
    public async Task AProofTenMinutesFromNowIsRefused(int offsetSeconds)
    {
        var phone = Shoppers.NewPhone();
        using var request = host.Gateway.Create(DemoShops.JsonWebhook(DemoShops.AcmeId), Json(phone),
            signedAt: DateTimeOffset.UtcNow.AddSeconds(offsetSeconds));
        using var response = await host.Client.SendAsync(request);
        await Responses.AssertErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Empty(await host.Messages.ForPhoneAsync(phone));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("random-32-bytes")]
    public async Task AGarbageProofIsRefused(string proof)
    {
        using var request = host.Gateway.Json(DemoShops.AcmeId, Shoppers.Json(Shoppers.NewPhone(), "hola"));
        request.Headers.Remove(GatewayProof.ProofHeader);
        request.Headers.TryAddWithoutValidation(GatewayProof.ProofHeader,
            proof == "random-32-bytes" ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : proof);
        using var response = await host.Client.SendAsync(request);
        await Responses.AssertErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheHealthProbeNeedsNoProof()
    {
        using var response = await host.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static StringContent Json(string phone) => new(Shoppers.Json(phone, "northern lights"), Encoding.UTF8, "application/json");
}

[Collection(OneBotHostOnSqlite.Name)]
public sealed class GatewayProofOnSqliteTests(BotHostOnSqlite host) : GatewayProofTests(host);

[Collection(OneBotHostOnPostgres.Name)]
public sealed class GatewayProofOnPostgresTests(BotHostOnPostgres host) : GatewayProofTests(host);
