using System.Net;
using System.Text.Json;

namespace Sintestesia.Gateway.Tests.Infrastructure;

/// <summary>An HTTP answer, read whole, with its JSON fields at hand.</summary>
public sealed record Reply(HttpStatusCode Status, string? MediaType, string Body)
{
    public static async Task<Reply> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    public bool IsJson => MediaType is "application/json";

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    /// <summary>A string field of the JSON object, or null when absent.</summary>
    public string? Field(string name) =>
        Json() is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public override string ToString() => $"{(int)Status} {MediaType}: {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
}
