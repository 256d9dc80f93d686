using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>Assertions on the contract's answer shapes.</summary>
public static class Responses
{
    /// <summary>The status, and the contract's error body <c>{"status":"error","error":"&lt;sentence&gt;"}</c>.</summary>
    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("error", json.RootElement.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("error").GetString()));
    }

    /// <summary>A 200 TwiML answer holding exactly one message; returns its text.</summary>
    public static async Task<string> TwimlMessageAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("xml", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var twiml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Response", twiml.Root?.Name.LocalName);
        var message = Assert.Single(twiml.Root!.Elements("Message"));
        Assert.False(string.IsNullOrWhiteSpace(message.Value));
        return message.Value;
    }
}
