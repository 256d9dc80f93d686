using System.Net;
using System.Text.Json;
using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Isolation;

/// <summary>A shopper of one shop never sees another shop's products, even when naming them exactly.</summary>
public abstract class TenantIsolationTests(BotHostFixture host)
{
    [Theory]
    [InlineData("PlayStation 5")]
    [InlineData("tienen PlayStation 5?")]
    [InlineData("xbox series x")]
    [InlineData("Nintendo Switch OLED")]
    [InlineData("mario kart 8 deluxe")]
    [InlineData("que consolas tienes")]
    [InlineData("control dualsense blanco")]
    public async Task AcmeNeverNamesABravoProduct(string question)
    {
        var answer = await AskAsync(DemoShops.AcmeId, question);
        foreach (var bravoProduct in await host.Messages.ProductNamesAsync(DemoShops.BravoId))
        {
            Assert.DoesNotContain(bravoProduct, answer, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task BravoNamesItsOwnProductWhenAskedTheSame()
    {
        var answer = await AskAsync(DemoShops.BravoId, "PlayStation 5");
        Assert.Contains("PlayStation 5", answer, StringComparison.Ordinal);
        Assert.Contains("$549.990", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcmesTwilioTokenDoesNotSignForBravo()
    {
        var phone = Shoppers.NewPhone();
        var form = Shoppers.TwilioForm(phone, "PlayStation 5");
        using var request = host.Gateway.Twilio(DemoShops.BravoId, DemoShops.BravoTwilioUrl, form,
            TwilioSignature.Compute(DemoShops.AcmeToken, DemoShops.BravoTwilioUrl, form));
        using var response = await host.Client.SendAsync(request);
        await Responses.AssertErrorAsync(response, HttpStatusCode.Forbidden);
        Assert.Empty(await host.Messages.ForPhoneAsync(phone));
    }

    private async Task<string> AskAsync(string tenantId, string question)
    {
        using var request = host.Gateway.Json(tenantId, Shoppers.Json(Shoppers.NewPhone(), question));
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(tenantId, json.RootElement.GetProperty("tenant_id").GetString());
        return json.RootElement.GetProperty("respuesta").GetString()!;
    }
}

[Collection(OneBotHostOnSqlite.Name)]
public sealed class TenantIsolationOnSqliteTests(BotHostOnSqlite host) : TenantIsolationTests(host);

[Collection(OneBotHostOnPostgres.Name)]
public sealed class TenantIsolationOnPostgresTests(BotHostOnPostgres host) : TenantIsolationTests(host);
