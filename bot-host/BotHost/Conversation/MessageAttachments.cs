using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sintestesia.BotHost.Conversation;

/// <summary>A file a shopper sent: where the provider keeps it and its MIME type.</summary>
public sealed record MediaItem(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("content_type")] string ContentType);

/// <summary>A location a shopper shared.</summary>
public sealed record SharedLocation(
    [property: JsonPropertyName("latitude")] double Latitude,
    [property: JsonPropertyName("longitude")] double Longitude,
    [property: JsonPropertyName("address"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Address,
    [property: JsonPropertyName("label"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Label);

/// <summary>
/// What came with a message besides its text. Stored in the inbound row's <c>media</c> column as the schema
/// documents it: files as <c>[{"url","content_type"}]</c>, a location as <c>{"latitude","longitude","address"?,"label"?}</c>
/// (WhatsApp never sends both in one message; if a channel ever did, the files win and the location is kept beside them).
/// </summary>
public sealed record MessageAttachments(IReadOnlyList<MediaItem> Media, SharedLocation? Location)
{
    public bool IsEmpty => Media.Count == 0 && Location is null;

    public string ToJson() => (Media.Count, Location) switch
    {
        (> 0, null) => JsonSerializer.Serialize(Media),
        (0, { } location) => JsonSerializer.Serialize(location),
        _ => JsonSerializer.Serialize(new { media = Media, location = Location }),
    };

    /// <summary>The stored body of a message that had no text, so the message list still reads.</summary>
    public string Summary() => Media.Count > 0
        ? $"[{Noun(Media[0].ContentType)}{(Media.Count > 1 ? $" +{(Media.Count - 1).ToString(CultureInfo.InvariantCulture)}" : string.Empty)}]"
        : $"[ubicación {Location!.Latitude.ToString(CultureInfo.InvariantCulture)},{Location.Longitude.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>A friendly Spanish answer to a message that brought only files or a location, then what the bot can do.</summary>
    public string Acknowledgement(string help)
    {
        if (Media.Count == 0)
        {
            var place = Location?.Label ?? Location?.Address;
            return $"¡Gracias por compartir tu ubicación{(place is null ? string.Empty : $" ({place})")}! Quedó guardada para el equipo. {help}";
        }

        var what = Media.Count > 1 ? "los archivos" : Noun(Media[0].ContentType) switch
        {
            "foto" => "la foto",
            "video" => "el video",
            "audio" => "el audio",
            _ => "el archivo",
        };
        return $"¡Gracias por {what}! Todavía no puedo ver imágenes ni escuchar audios, así que cuéntame por escrito qué buscas. {help}";
    }

    private static string Noun(string contentType) => contentType.Split('/')[0].ToUpperInvariant() switch
    {
        "IMAGE" => "foto",
        "VIDEO" => "video",
        "AUDIO" => "audio",
        _ => "archivo",
    };
}
