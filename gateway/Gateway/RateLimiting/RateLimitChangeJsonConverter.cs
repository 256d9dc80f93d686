using System.Text.Json;
using System.Text.Json.Serialization;
using Sintestesia.TenantConfig.Administration;

namespace Sintestesia.Gateway.RateLimiting;

/// <summary>
/// <c>rate_limit_per_minute</c> in a PATCH: absent leaves the limit (the property stays null), <c>null</c> returns to
/// the gateway's default, a whole number sets it (the administration rules check its range). Anything else is a
/// malformed request, like any other mistyped field.
/// </summary>
internal sealed class RateLimitChangeJsonConverter : JsonConverter<RateLimitChange?>
{
    public override bool HandleNull => true;

    public override RateLimitChange? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => RateLimitChange.Default,
        JsonTokenType.Number when reader.TryGetInt32(out var perMinute) => new RateLimitChange(perMinute),
        _ => throw new JsonException("rate_limit_per_minute must be a whole number of requests per minute, or null for the gateway's default."),
    };

    public override void Write(Utf8JsonWriter writer, RateLimitChange? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value?.PerMinute is { } perMinute)
        {
            writer.WriteNumberValue(perMinute);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
