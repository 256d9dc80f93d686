using System.Net;
using System.Text;
using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Webhooks;

public abstract class TwilioBadInputTests(BotHostFixture host)
{
    [Fact]
    public async Task APhotoWithoutTextGetsAFriendlyAnswer()
    {
        var phone = Shoppers.NewPhone();
        var form = Shoppers.TwilioForm(phone, string.Empty);
        form["NumMedia"] = "1";
        form["MediaUrl0"] = "https://api.twilio.com/2010-04-01/Accounts/AC3f9a1c7e2b5d4086a1f0e9c8b7d6a512/Messages/MM1/Media/ME1";
        form["MediaContentType0"] = "image/jpeg";
        using var request = host.Gateway.Twilio(DemoShops.AcmeId, DemoShops.AcmeTwilioUrl, form,
            TwilioSignature.Compute(DemoShops.AcmeToken, DemoShops.AcmeTwilioUrl, form));
        using var response = await host.Client.SendAsync(request);

        var message = await Responses.TwimlMessageAsync(response);
        Assert.Contains("ACME Cannabis Store", message, StringComparison.Ordinal);
        Assert.Equal(2, (await host.Messages.ForPhoneAsync(phone)).Count);
    }

    [Fact]
    public async Task ABodyThatIsNotAFormIsRefusedWith415()
    {
        var phone = Shoppers.NewPhone();
        using var request = host.Gateway.Create(
            new(DemoShops.AcmeId, "slug", "POST", DemoShops.TwilioPath, DemoShops.AcmeTwilioUrl),
            new StringContent(Shoppers.Json(phone, "hola"), Encoding.UTF8, "application/json"));
        using var response = await host.Client.SendAsync(request);
        await Responses.AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Empty(await host.Messages.ForPhoneAsync(phone));
    }

    [Fact]
    public async Task AFormOver64KiBIsRefusedWith413()
    {
        var phone = Shoppers.NewPhone();
        var form = Shoppers.TwilioForm(phone, new string('a', 70 * 1024));
        using var request = host.Gateway.Twilio(DemoShops.AcmeId, DemoShops.AcmeTwilioUrl, form,
            TwilioSignature.Compute(DemoShops.AcmeToken, DemoShops.AcmeTwilioUrl, form));
        using var response = await host.Client.SendAsync(request);
        await Responses.AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(await host.Messages.ForPhoneAsync(phone));
    }

    /// <summary>
    /// Found on PostgreSQL, which enforces the columns' lengths: SQLite stored and answered such a form, PostgreSQL
    /// refused the row and the bot host took that for a redelivery, answering nothing after a ten-second wait.
    /// </summary>
    [Theory]
    [InlineData("From")]
    [InlineData("MessageSid")]
    public async Task AFieldTooLongToStoreIsRefusedWith400AndNothingIsStored(string field)
    {
        var phone = Shoppers.NewPhone();
        var form = Shoppers.TwilioForm(phone, "northern lights");
        form[field] = field == "From" ? $"whatsapp:{phone}{new string('1', 30)}" : "SM" + new string('a', 120);
        using var request = host.Gateway.Twilio(DemoShops.AcmeId, DemoShops.AcmeTwilioUrl, form,
            TwilioSignature.Compute(DemoShops.AcmeToken, DemoShops.AcmeTwilioUrl, form));
        using var response = await host.Client.SendAsync(request);

        await Responses.AssertErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await host.Messages.ForPhoneAsync(form["From"]["whatsapp:".Length..]));
    }
}

[Collection(OneBotHostOnSqlite.Name)]
public sealed class TwilioBadInputOnSqliteTests(BotHostOnSqlite host) : TwilioBadInputTests(host);

[Collection(OneBotHostOnPostgres.Name)]
public sealed class TwilioBadInputOnPostgresTests(BotHostOnPostgres host) : TwilioBadInputTests(host);
