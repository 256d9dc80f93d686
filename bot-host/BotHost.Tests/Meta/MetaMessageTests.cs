using System.Net;
using System.Text.Json;
using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Meta;

/// <summary>Signed notifications answered through the Graph API, exactly once, with the shop's own token.</summary>
public abstract class MetaMessageTests(MetaBotHostFixture meta)
{
    private BotHostFixture Host => meta.Host;

    [Fact]
    public async Task ASignedTextIsAnsweredThroughTheGraphApiWithTheShopsToken()
    {
        var waId = MetaPayloads.NewWaId();

        var accepted = await SendAsync(MetaShops.Acme, MetaPayloads.Text(MetaShops.Acme, waId, "northern lights"));

        Assert.Equal(1, accepted);
        var sent = Assert.Single(await meta.Graph.WaitForAsync(waId));
        Assert.Equal("v21.0", sent.Version);
        Assert.Equal(MetaShops.Acme.PhoneNumberId, sent.PhoneNumberId);
        Assert.Equal($"Bearer {MetaShops.Acme.AccessToken}", sent.Authorization);
        var json = sent.Json();
        Assert.Equal("whatsapp", json.GetProperty("messaging_product").GetString());
        Assert.Equal("text", json.GetProperty("type").GetString());
        Assert.Contains("Northern Lights", sent.Text, StringComparison.Ordinal);
        Assert.Contains("$19.990", sent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMessageAndItsSentReplyAreStoredWithTheirWamids()
    {
        var waId = MetaPayloads.NewWaId();
        var wamid = MetaPayloads.NewWamid();

        await SendAsync(MetaShops.Acme, MetaPayloads.Text(MetaShops.Acme, waId, "white widow", wamid));

        var sent = Assert.Single(await meta.Graph.WaitForAsync(waId));
        var rows = await MetaRows.SettledAsync(Host, "+" + waId);
        Assert.Equal(2, rows.Count);
        Assert.Equal(new MetaRow(MetaShops.Acme.TenantId, "inbound", "meta", "white widow", wamid, null, null, null), rows[0]);
        Assert.Equal(new MetaRow(MetaShops.Acme.TenantId, "outbound", "meta", sent.Text!, sent.Wamid, "sent", null, null), rows[1]);
    }

    [Fact]
    public async Task TheSameWamidDeliveredTwiceIsAnsweredOnce()
    {
        var waId = MetaPayloads.NewWaId();
        var payload = MetaPayloads.Text(MetaShops.Acme, waId, "blue dream");

        await SendAsync(MetaShops.Acme, payload);
        await SendAsync(MetaShops.Acme, payload);
        // One shopper's messages are handled in order, so once a later message is answered the repeat was handled too.
        await SendAsync(MetaShops.Acme, MetaPayloads.Text(MetaShops.Acme, waId, "gracias"));

        var sent = await meta.Graph.WaitForAsync(waId, 2);
        Assert.Equal(2, sent.Count);
        Assert.Contains("Blue Dream", sent[0].Text, StringComparison.Ordinal);
        var rows = await MetaRows.SettledAsync(Host, "+" + waId, replies: 2);
        Assert.Equal(2, rows.Count(r => r.Direction == "inbound"));
        Assert.Equal(2, rows.Count(r => r.Direction == "outbound"));
    }

    [Fact]
    public async Task AQuietBotSendsNothingToMeta()
    {
        var waId = MetaPayloads.NewWaId();
        await SendAsync(MetaShops.Acme, MetaPayloads.Text(MetaShops.Acme, waId, "quiero hablar con una persona"));
        await meta.Graph.WaitForAsync(waId);

        await SendAsync(MetaShops.Acme, MetaPayloads.Text(MetaShops.Acme, waId, "northern lights"));

        var rows = await MetaRows.SettledAsync(Host, "+" + waId, replies: 2);
        Assert.Equal("suppressed", rows[^1].Status);
        Assert.Single(meta.Graph.To(waId));
    }

    [Fact]
    public async Task AnImageIsStoredAndAnsweredKindly()
    {
        var waId = MetaPayloads.NewWaId();

        await SendAsync(MetaShops.Acme, MetaPayloads.Image(MetaShops.Acme, waId));

        var sent = Assert.Single(await meta.Graph.WaitForAsync(waId));
        Assert.Contains("¡Gracias por la foto!", sent.Text, StringComparison.Ordinal);
        var inbound = (await MetaRows.SettledAsync(Host, "+" + waId))[0];
        using var media = JsonDocument.Parse(inbound.Media!);
        var item = Assert.Single(media.RootElement.EnumerateArray().ToList());
        Assert.Equal("image/jpeg", item.GetProperty("content_type").GetString());
        Assert.EndsWith("/v21.0/1479537139650973", item.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImageWithACaptionIsAnsweredAboutTheCaption()
    {
        var waId = MetaPayloads.NewWaId();

        await SendAsync(MetaShops.Acme, MetaPayloads.Image(MetaShops.Acme, waId, caption: "tienen northern lights?"));

        var sent = Assert.Single(await meta.Graph.WaitForAsync(waId));
        Assert.Contains("Northern Lights", sent.Text, StringComparison.Ordinal);
        Assert.NotNull((await MetaRows.SettledAsync(Host, "+" + waId))[0].Media);
    }

    [Fact]
    public async Task ALocationIsStoredAndAnsweredKindly()
    {
        var waId = MetaPayloads.NewWaId();

        await SendAsync(MetaShops.Acme, MetaPayloads.Location(MetaShops.Acme, waId));

        var sent = Assert.Single(await meta.Graph.WaitForAsync(waId));
        Assert.Contains("ubicación", sent.Text, StringComparison.Ordinal);
        using var location = JsonDocument.Parse((await MetaRows.SettledAsync(Host, "+" + waId))[0].Media!);
        Assert.Equal(-33.4372, location.RootElement.GetProperty("latitude").GetDouble());
        Assert.Equal("Santiago", location.RootElement.GetProperty("address").GetString());
    }

    /// <summary>
    /// Found on PostgreSQL, which enforces the column's 100 characters: SQLite stored and answered the message,
    /// PostgreSQL refused the row and the bot host took that for a redelivery.
    /// </summary>
    [Fact]
    public async Task AMessageWhoseWamidIsTooLongToStoreIsIgnored()
    {
        var waId = MetaPayloads.NewWaId();

        await SendAsync(MetaShops.Acme, MetaPayloads.Text(MetaShops.Acme, waId, "northern lights", "wamid." + new string('Q', 120)));
        // One shopper's messages are handled in order, so once a later message is answered the long one was handled too.
        await SendAsync(MetaShops.Acme, MetaPayloads.Text(MetaShops.Acme, waId, "hola"));

        var sent = Assert.Single(await meta.Graph.WaitForAsync(waId));
        Assert.DoesNotContain("Northern Lights", sent.Text, StringComparison.Ordinal);
        var rows = await MetaRows.SettledAsync(Host, "+" + waId);
        Assert.Equal(["hola", sent.Text], rows.Select(r => r.Body));
    }

    /// <returns>How many events the bot host accepted.</returns>
    private async Task<int> SendAsync(MetaShop shop, string json)
    {
        using var request = Host.Gateway.SignedNotification(shop, json);
        using var response = await Host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var ack = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ack.RootElement.GetProperty("accepted").GetInt32();
    }
}

[Collection(OneMetaBotHostOnSqlite.Name)]
public sealed class MetaMessageOnSqliteTests(MetaBotHostOnSqlite meta) : MetaMessageTests(meta);

[Collection(OneMetaBotHostOnPostgres.Name)]
public sealed class MetaMessageOnPostgresTests(MetaBotHostOnPostgres meta) : MetaMessageTests(meta);
