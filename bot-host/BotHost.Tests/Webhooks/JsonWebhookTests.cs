using System.Net;
using System.Text.Json;
using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Webhooks;

public abstract class JsonWebhookTests(BotHostFixture host)
{
    [Fact]
    public async Task AcmeAnswersNorthernLightsWithPriceAndStockInTheContractsShape()
    {
        var phone = Shoppers.NewPhone();
        using var request = host.Gateway.Json(DemoShops.AcmeId, Shoppers.Json(phone, "northern lights"));
        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(["intent", "resolved_by", "respuesta", "status", "telefono", "tenant_id"], root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("product", root.GetProperty("intent").GetString());
        Assert.Equal("success", root.GetProperty("status").GetString());
        Assert.Equal(DemoShops.AcmeId, root.GetProperty("tenant_id").GetString());
        Assert.Equal("slug", root.GetProperty("resolved_by").GetString());
        Assert.Equal(phone, root.GetProperty("telefono").GetString());
        var answer = root.GetProperty("respuesta").GetString()!;
        Assert.Contains("Northern Lights", answer, StringComparison.Ordinal);
        Assert.Contains("$19.990", answer, StringComparison.Ordinal);
        Assert.Contains("15", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BothTheQuestionAndTheAnswerAreStored()
    {
        var phone = Shoppers.NewPhone();
        using var request = host.Gateway.Json(DemoShops.AcmeId, Shoppers.Json(phone, "northern lights"));
        using var response = await host.Client.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var rows = await host.Messages.ForPhoneAsync(phone);
        Assert.Equal(2, rows.Count);
        var (inbound, outbound) = (rows[0], rows[1]);
        Assert.Equal(new MessageRow(inbound.Id, DemoShops.AcmeId, "inbound", "json", phone, "northern lights", null, null), inbound);
        Assert.Equal(
            new MessageRow(outbound.Id, DemoShops.AcmeId, "outbound", "json", phone, json.RootElement.GetProperty("respuesta").GetString()!, null, inbound.Id),
            outbound);
    }

    [Theory]
    [InlineData("""{"mensaje":"hola"}""")]
    [InlineData("""{"telefono":"+56911112222"}""")]
    [InlineData("""{"telefono":"","mensaje":"hola"}""")]
    [InlineData("""{"telefono":"+56911112222","mensaje":""}""")]
    [InlineData("""{"telefono":"   ","mensaje":"hola"}""")]
    [InlineData("""{"telefono":"+56911112222","mensaje":null}""")]
    [InlineData("{}")]
    [InlineData("null")]
    public async Task AMissingOrEmptyFieldIsRefusedWith400(string body)
    {
        using var request = host.Gateway.Json(DemoShops.AcmeId, body);
        using var response = await host.Client.SendAsync(request);
        await Responses.AssertErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(await host.Messages.ForPhoneAsync("+56911112222"));
    }

    /// <summary>Found on PostgreSQL, which enforces the column's 40 characters: SQLite stored the row, PostgreSQL failed with a 500.</summary>
    [Fact]
    public async Task ATelefonoLongerThanAStoredPhoneIsRefusedWith400AndNothingIsStored()
    {
        var phone = "+569" + new string('1', 37);
        using var request = host.Gateway.Json(DemoShops.AcmeId, Shoppers.Json(phone, "northern lights"));
        using var response = await host.Client.SendAsync(request);

        await Responses.AssertErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("40", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await host.Messages.ForPhoneAsync(phone));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("""{"telefono": }""")]
    [InlineData("""{"telefono":56911112222,"mensaje":"hola"}""")]
    [InlineData("""["+56911112222","hola"]""")]
    public async Task MalformedJsonIsRefusedWith400(string body)
    {
        using var request = host.Gateway.Json(DemoShops.AcmeId, body);
        using var response = await host.Client.SendAsync(request);
        await Responses.AssertErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ABodyOver64KiBIsRefusedWith413()
    {
        var phone = Shoppers.NewPhone();
        using var request = host.Gateway.Json(DemoShops.AcmeId, Shoppers.Json(phone, new string('a', 70 * 1024)));
        using var response = await host.Client.SendAsync(request);
        await Responses.AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(await host.Messages.ForPhoneAsync(phone));
    }
}

[Collection(OneBotHostOnSqlite.Name)]
public sealed class JsonWebhookOnSqliteTests(BotHostOnSqlite host) : JsonWebhookTests(host);

[Collection(OneBotHostOnPostgres.Name)]
public sealed class JsonWebhookOnPostgresTests(BotHostOnPostgres host) : JsonWebhookTests(host);
