using System.Net;
using Sintestesia.BotHost.Tests.Infrastructure;
using Sintestesia.TenantConfig.Administration;

namespace Sintestesia.BotHost.Tests.Webhooks;

public abstract class TwilioSignatureTests(BotHostFixture host)
{
    [Fact]
    public async Task ASignedFormIsAnsweredInTwiml()
    {
        var form = Shoppers.TwilioForm(Shoppers.NewPhone(), "northern lights");
        using var response = await SendAsync(form, TwilioSignature.Compute(DemoShops.AcmeToken, DemoShops.AcmeTwilioUrl, form));
        var message = await Responses.TwimlMessageAsync(response);
        Assert.Contains("Northern Lights", message, StringComparison.Ordinal);
        Assert.Contains("$19.990", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedFormIsStoredWithItsMessageSid()
    {
        var phone = Shoppers.NewPhone();
        var form = Shoppers.TwilioForm(phone, "white widow");
        using var response = await SendAsync(form, TwilioSignature.Compute(DemoShops.AcmeToken, DemoShops.AcmeTwilioUrl, form));
        var message = await Responses.TwimlMessageAsync(response);

        var rows = await host.Messages.ForPhoneAsync(phone);
        Assert.Equal(2, rows.Count);
        Assert.Equal(new MessageRow(rows[0].Id, DemoShops.AcmeId, "inbound", "twilio", phone, "white widow", form["MessageSid"], null), rows[0]);
        Assert.Equal(new MessageRow(rows[1].Id, DemoShops.AcmeId, "outbound", "twilio", phone, message, null, rows[0].Id), rows[1]);
    }

    [Fact]
    public async Task AFormWithoutSignatureIsRefusedAndNothingIsStored()
    {
        var phone = Shoppers.NewPhone();
        using var response = await SendAsync(Shoppers.TwilioForm(phone, "northern lights"), signature: null);
        await Responses.AssertErrorAsync(response, HttpStatusCode.Forbidden);
        Assert.Empty(await host.Messages.ForPhoneAsync(phone));
    }

    [Fact]
    public async Task AFormSignedWithAnotherShopsTokenIsRefused()
    {
        var phone = Shoppers.NewPhone();
        var form = Shoppers.TwilioForm(phone, "northern lights");
        using var response = await SendAsync(form, TwilioSignature.Compute(DemoShops.BravoToken, DemoShops.AcmeTwilioUrl, form));
        await Responses.AssertErrorAsync(response, HttpStatusCode.Forbidden);
        Assert.Empty(await host.Messages.ForPhoneAsync(phone));
    }

    [Fact]
    public async Task AFormChangedAfterSigningIsRefused()
    {
        var phone = Shoppers.NewPhone();
        var form = Shoppers.TwilioForm(phone, "northern lights");
        var signature = TwilioSignature.Compute(DemoShops.AcmeToken, DemoShops.AcmeTwilioUrl, form);
        form["Body"] = "white widow";
        using var response = await SendAsync(form, signature);
        await Responses.AssertErrorAsync(response, HttpStatusCode.Forbidden);
        Assert.Empty(await host.Messages.ForPhoneAsync(phone));
    }

    /// <summary>Behind the proxy the bot host sees plain HTTP on loopback; Twilio signed the public HTTPS URL.</summary>
    [Fact]
    public async Task AFormSignedForTheBotHostsOwnUrlIsRefused()
    {
        var phone = Shoppers.NewPhone();
        var form = Shoppers.TwilioForm(phone, "northern lights");
        var ownUrl = new Uri(host.BaseAddress, DemoShops.TwilioPath).ToString();
        using var response = await SendAsync(form, TwilioSignature.Compute(DemoShops.AcmeToken, ownUrl, form));
        await Responses.AssertErrorAsync(response, HttpStatusCode.Forbidden);
        Assert.Empty(await host.Messages.ForPhoneAsync(phone));
    }

    [Fact]
    public async Task AShopWithoutATwilioAccountRefusesSignedForms()
    {
        var slug = "sin-twilio-" + Guid.NewGuid().ToString("N")[..8];
        var tenantId = slug + "-2024";
        await using (var db = host.CreateContext())
        {
            var created = await new TenantAdministration(db, host.Protector, TimeProvider.System).CreateAsync("Tienda Sin Twilio", slug, tenantId, default);
            Assert.True(created.Succeeded, created.Error?.Message);
        }

        var phone = Shoppers.NewPhone();
        var url = $"https://{slug}.sintestesia.cl{DemoShops.TwilioPath}";
        var form = Shoppers.TwilioForm(phone, "hola");
        using var request = host.Gateway.Twilio(tenantId, url, form, TwilioSignature.Compute(DemoShops.AcmeToken, url, form));
        using var response = await host.Client.SendAsync(request);
        await Responses.AssertErrorAsync(response, HttpStatusCode.Forbidden);
        Assert.Empty(await host.Messages.ForPhoneAsync(phone));
    }

    private async Task<HttpResponseMessage> SendAsync(Dictionary<string, string> form, string? signature)
    {
        using var request = host.Gateway.Twilio(DemoShops.AcmeId, DemoShops.AcmeTwilioUrl, form, signature);
        return await host.Client.SendAsync(request);
    }
}

[Collection(OneBotHostOnSqlite.Name)]
public sealed class TwilioSignatureOnSqliteTests(BotHostOnSqlite host) : TwilioSignatureTests(host);

[Collection(OneBotHostOnPostgres.Name)]
public sealed class TwilioSignatureOnPostgresTests(BotHostOnPostgres host) : TwilioSignatureTests(host);
