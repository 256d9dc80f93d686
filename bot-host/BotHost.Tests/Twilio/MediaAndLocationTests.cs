using System.Text.Json;
using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Twilio;

/// <summary>Photos, voice notes and shared locations are stored with the message and answered kindly in Spanish.</summary>
public abstract class MediaAndLocationTests(BotHostFixture host)
{
    private const string PhotoUrl = "https://api.twilio.com/2010-04-01/Accounts/AC3f9a1c7e2b5d4086a1f0e9c8b7d6a512/Messages/MM1/Media/ME1";

    [Fact]
    public async Task APhotoWithoutTextIsStoredAndThanked()
    {
        var phone = Shoppers.NewPhone();
        var form = Shoppers.TwilioForm(phone, string.Empty);
        form["NumMedia"] = "1";
        form["MediaUrl0"] = PhotoUrl;
        form["MediaContentType0"] = "image/jpeg";

        var answer = await host.SayToAcmeOnTwilioAsync(phone, form);

        Assert.Contains("Gracias por la foto", answer, StringComparison.Ordinal);
        var inbound = Assert.Single(await host.RowsAsync(DemoShops.AcmeId, phone), r => r.Direction == "inbound");
        using var media = JsonDocument.Parse(inbound.Media!);
        var item = Assert.Single(media.RootElement.EnumerateArray());
        Assert.Equal((PhotoUrl, "image/jpeg"), (item.GetProperty("url").GetString(), item.GetProperty("content_type").GetString()));
        Assert.Equal("[foto]", inbound.Body);
    }

    [Fact]
    public async Task ASharedLocationIsStoredAndThanked()
    {
        var phone = Shoppers.NewPhone();
        var form = Shoppers.TwilioForm(phone, string.Empty);
        form["Latitude"] = "-33.4489";
        form["Longitude"] = "-70.6693";
        form["Address"] = "Av. Providencia 1234, Santiago";
        form["Label"] = "Casa";

        var answer = await host.SayToAcmeOnTwilioAsync(phone, form);

        Assert.Contains("ubicación", answer, StringComparison.Ordinal);
        var inbound = Assert.Single(await host.RowsAsync(DemoShops.AcmeId, phone), r => r.Direction == "inbound");
        using var location = JsonDocument.Parse(inbound.Media!);
        Assert.Equal(-33.4489, location.RootElement.GetProperty("latitude").GetDouble());
        Assert.Equal(-70.6693, location.RootElement.GetProperty("longitude").GetDouble());
        Assert.Equal("Casa", location.RootElement.GetProperty("label").GetString());
    }

    [Fact]
    public async Task TextSentWithAPhotoIsAnsweredFromTheText()
    {
        var phone = Shoppers.NewPhone();
        var form = Shoppers.TwilioForm(phone, "northern lights");
        form["NumMedia"] = "1";
        form["MediaUrl0"] = PhotoUrl;
        form["MediaContentType0"] = "image/png";

        var answer = await host.SayToAcmeOnTwilioAsync(phone, form);

        Assert.Contains("Northern Lights", answer, StringComparison.Ordinal);
        var inbound = Assert.Single(await host.RowsAsync(DemoShops.AcmeId, phone), r => r.Direction == "inbound");
        Assert.Equal("northern lights", inbound.Body);
        Assert.Contains("image/png", inbound.Media, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVoiceNoteIsThankedAndAFormWithBrokenMediaFieldsIsStillAnswered()
    {
        var phone = Shoppers.NewPhone();
        var form = Shoppers.TwilioForm(phone, string.Empty);
        form["NumMedia"] = "1";
        form["MediaUrl0"] = PhotoUrl;
        form["MediaContentType0"] = "audio/ogg";
        Assert.Contains("Gracias por el audio", await host.SayToAcmeOnTwilioAsync(phone, form), StringComparison.Ordinal);

        var broken = Shoppers.TwilioForm(phone, string.Empty);
        broken["NumMedia"] = "3";
        broken["Latitude"] = "not-a-number";
        Assert.False(string.IsNullOrWhiteSpace(await host.SayToAcmeOnTwilioAsync(phone, broken)));
    }

    [Fact]
    public async Task AShopperInHandOffGetsNoAutomaticThanksForAPhoto()
    {
        var phone = Shoppers.NewPhone();
        Assert.NotNull(await host.SayToAcmeOnTwilioAsync(phone, "quiero hablar con una persona"));
        var form = Shoppers.TwilioForm(phone, string.Empty);
        form["NumMedia"] = "1";
        form["MediaUrl0"] = PhotoUrl;
        form["MediaContentType0"] = "image/jpeg";

        Assert.Null(await host.SayToAcmeOnTwilioAsync(phone, form));
        Assert.Contains(await host.RowsAsync(DemoShops.AcmeId, phone), r => r.Direction == "inbound" && r.Media is not null);
    }
}

[Collection(OneBotHostOnSqlite.Name)]
public sealed class MediaAndLocationOnSqliteTests(BotHostOnSqlite host) : MediaAndLocationTests(host);

[Collection(OneBotHostOnPostgres.Name)]
public sealed class MediaAndLocationOnPostgresTests(BotHostOnPostgres host) : MediaAndLocationTests(host);
