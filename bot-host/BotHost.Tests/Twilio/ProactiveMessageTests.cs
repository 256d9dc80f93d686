using System.Net;
using System.Text.Json;
using Sintestesia.BotHost.Tests.Infrastructure;
using Sintestesia.TenantConfig.Administration;

namespace Sintestesia.BotHost.Tests.Twilio;

/// <summary>
/// <c>POST /outbound/messages</c>: free text only within 24 hours of the shopper's last message, otherwise an approved
/// template — refused before anything is stored or sent.
/// </summary>
public abstract class ProactiveMessageTests(TwilioBotHostFixture fixture)
{
    private BotHostFixture Host => fixture.Host;

    [Fact]
    public async Task FreeTextWithinTwentyFourHoursOfTheShoppersMessageIsSent()
    {
        var phone = Shoppers.NewPhone();
        Assert.NotNull(await Host.SayToAcmeOnTwilioAsync(phone, "northern lights"));

        using var response = await Host.PostOutboundAsync(DemoShops.AcmeId, new { to = phone, body = "Tu pedido está listo para retiro." });
        var messageId = await AcceptedIdAsync(response);

        var call = Assert.Single(await fixture.TwilioApi.WaitForCallsAsync(TwilioRequests.WhatsApp(phone), 1));
        Assert.Equal(("Tu pedido está listo para retiro.", TwilioRequests.WhatsApp(TwilioBotHostFixture.AcmeNumber)), (call["Body"], call["From"]));
        var proactive = await Host.SettledAsync(DemoShops.AcmeId, phone, r => r.Id == messageId);
        Assert.Equal(("outbound", "Tu pedido está listo para retiro."), (proactive.Direction, proactive.Body));
        Assert.Equal(("sent", call.Sid), (proactive.Status, proactive.ProviderMessageId));
    }

    [Fact]
    public async Task FreeTextToAShopperWhoNeverWroteIsRefusedAndNothingIsSent()
    {
        var phone = Shoppers.NewPhone();
        using var response = await Host.PostOutboundAsync(DemoShops.AcmeId, new { to = phone, body = "¡Ofertas de la semana!" });

        await Responses.AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("content_sid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await Host.RowsAsync(DemoShops.AcmeId, phone));
        Assert.Empty(fixture.TwilioApi.CallsTo(TwilioRequests.WhatsApp(phone)));
    }

    [Fact]
    public async Task FreeTextMoreThanTwentyFourHoursAfterTheShoppersLastMessageIsRefused()
    {
        var phone = Shoppers.NewPhone();
        Assert.NotNull(await Host.SayToAcmeOnTwilioAsync(phone, "hola"));
        Assert.Equal(2, await Host.Sql.MoveMessagesBackAsync(DemoShops.AcmeId, phone, TimeSpan.FromHours(25)));

        using var response = await Host.PostOutboundAsync(DemoShops.AcmeId, new { to = phone, body = "¿Sigues interesado?" });

        await Responses.AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(2, (await Host.RowsAsync(DemoShops.AcmeId, phone)).Count);
        Assert.Empty(fixture.TwilioApi.CallsTo(TwilioRequests.WhatsApp(phone)));
    }

    [Fact]
    public async Task ATemplateOutsideTheWindowIsSentWithItsContentSidAndVariables()
    {
        var phone = Shoppers.NewPhone();
        var contentSid = TwilioRequests.NewContentSid();
        using var response = await Host.PostOutboundAsync(DemoShops.AcmeId,
            new { to = phone, content_sid = contentSid, content_variables = new Dictionary<string, string> { ["1"] = "Ana", ["2"] = "jueves" } });
        await AcceptedIdAsync(response);

        var call = Assert.Single(await fixture.TwilioApi.WaitForCallsAsync(TwilioRequests.WhatsApp(phone), 1));
        Assert.Equal(contentSid, call["ContentSid"]);
        using var variables = JsonDocument.Parse(call["ContentVariables"]!);
        Assert.Equal("Ana", variables.RootElement.GetProperty("1").GetString());
        Assert.Equal("jueves", variables.RootElement.GetProperty("2").GetString());
        Assert.Null(call["Body"]);
        Assert.Equal("sent", (await Host.SettledOutboundAsync(DemoShops.AcmeId, phone)).Status);
    }

    [Fact]
    public async Task AShopWithAMessagingServiceSendsFromItsPoolInsteadOfANumber()
    {
        var tenantId = await Host.CreateShopAsync("Tienda Con Servicio", TestShops.Product("Polera", 9990, 3, "Ropa"));
        await using (var db = Host.CreateContext())
        {
            var set = await new TenantAdministration(db, Host.Protector, TimeProvider.System)
                .SetTwilioAsync(tenantId, "AC" + new string('a', 32), "token-servicio-0003", "+14155230000", default);
            Assert.Null(set.Error);
        }

        await Host.Sql.ExecuteAsync("UPDATE twilio_accounts SET messaging_service_sid = 'MG0123456789abcdef0123456789abcdef' WHERE tenant_id = @t",
            ("@t", tenantId));
        var phone = Shoppers.NewPhone();
        using var response = await Host.PostOutboundAsync(tenantId, new { to = phone, content_sid = TwilioRequests.NewContentSid() });
        await AcceptedIdAsync(response);

        var call = Assert.Single(await fixture.TwilioApi.WaitForCallsAsync(TwilioRequests.WhatsApp(phone), 1));
        Assert.Equal(("MG0123456789abcdef0123456789abcdef", (string?)null), (call["MessagingServiceSid"], call["From"]));
        Assert.Equal(("AC" + new string('a', 32), "token-servicio-0003"), (call.User, call.Password));
    }

    [Fact]
    public async Task AShopperWhoOptedOutGetsNoProactiveMessage()
    {
        var phone = Shoppers.NewPhone();
        await Host.SayToAcmeOnTwilioAsync(phone, "BAJA");
        using var response = await Host.PostOutboundAsync(DemoShops.AcmeId, new { to = phone, content_sid = TwilioRequests.NewContentSid() });

        await Responses.AssertErrorAsync(response, HttpStatusCode.Conflict);
        Assert.Empty(fixture.TwilioApi.CallsTo(TwilioRequests.WhatsApp(phone)));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"body":"hola"}""")]
    [InlineData("""{"to":"no es un número","body":"hola"}""")]
    [InlineData("""{"to":"+56912345678"}""")]
    [InlineData("""{"to":"+56912345678","body":"hola","content_sid":"HX0123456789abcdef0123456789abcdef"}""")]
    [InlineData("""{"to":"+56912345678","content_sid":"HX-not-a-sid"}""")]
    [InlineData("""{"to":"+56912345678","content_sid":"HX0123456789abcdef0123456789abcdef","content_variables":[1]}""")]
    public async Task AMalformedRequestIsRefusedWithASentence(string json)
    {
        using var response = await Host.PostOutboundAsync(DemoShops.AcmeId, json);
        await Responses.AssertErrorAsync(response, HttpStatusCode.BadRequest);
    }

    private static async Task<long> AcceptedIdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("accepted", json.RootElement.GetProperty("status").GetString());
        return json.RootElement.GetProperty("message_id").GetInt64();
    }
}

[Collection(OneTwilioBotHostOnSqlite.Name)]
public sealed class ProactiveMessageOnSqliteTests(TwilioBotHostOnSqlite fixture) : ProactiveMessageTests(fixture);

[Collection(OneTwilioBotHostOnPostgres.Name)]
public sealed class ProactiveMessageOnPostgresTests(TwilioBotHostOnPostgres fixture) : ProactiveMessageTests(fixture);
