using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sintestesia.Gateway.Api;

/// <summary>
/// <c>bot_pool</c> in a PATCH: absent leaves the pool (the property stays null), <c>null</c> or <c>""</c> returns the
/// shop to the default pool (read as <c>""</c>, which the administration takes as "clear"), a string names a pool.
/// </summary>
internal sealed class BotPoolChangeJsonConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => string.Empty,
        JsonTokenType.String => reader.GetString(),
        _ => throw new JsonException("bot_pool must be a pool name, or \"\" or null for the default pool."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (string.IsNullOrEmpty(value))
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
