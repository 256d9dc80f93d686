using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>The JSON webhook's answer: <c>respuesta</c> ("" when the bot stays quiet) and <c>intent</c>.</summary>
public sealed record JsonAnswer(string Text, string? Intent);

/// <summary>A shopper writing to a shop through the bot host's real webhooks, as the gateway forwards them.</summary>
public static class ShopperChat
{
    public static async Task<JsonAnswer> SayAsync(this BotHostFixture host, string tenantId, string phone, string message)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var request = host.Gateway.Json(tenantId, Shoppers.Json(phone, message));
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(tenantId, json.RootElement.GetProperty("tenant_id").GetString());
        return new JsonAnswer(json.RootElement.GetProperty("respuesta").GetString()!, json.RootElement.GetProperty("intent").GetString());
    }

    /// <summary>
    /// Posts a Twilio form signed with <paramref name="authToken"/> for <paramref name="publicUrl"/> (computed here,
    /// from Twilio's documented algorithm) and returns the TwiML message, or null for an empty <c>&lt;Response/&gt;</c>.
    /// </summary>
    public static async Task<string?> SayOnTwilioAsync(
        this BotHostFixture host, string tenantId, string publicUrl, string authToken, IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var request = host.Gateway.Twilio(tenantId, publicUrl, form, TwilioSignature.Compute(authToken, publicUrl, form));
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var twiml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Response", twiml.Root?.Name.LocalName);
        var messages = twiml.Root!.Elements().ToList();
        Assert.True(messages.Count <= 1, $"Expected at most one TwiML element, got {messages.Count}.");
        if (messages.Count == 0)
        {
            return null;
        }

        Assert.Equal("Message", messages[0].Name.LocalName);
        return messages[0].Value;
    }

    /// <summary>A message to acme's Twilio number, signed with acme's dev auth token.</summary>
    public static Task<string?> SayToAcmeOnTwilioAsync(this BotHostFixture host, string phone, string body) =>
        host.SayOnTwilioAsync(DemoShops.AcmeId, DemoShops.AcmeTwilioUrl, DemoShops.AcmeToken, Shoppers.TwilioForm(phone, body));
}
