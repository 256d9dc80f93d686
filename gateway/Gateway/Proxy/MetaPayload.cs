using System.Text.Json;

namespace Sintestesia.Gateway.Proxy;

/// <summary>The <c>phone_number_id</c>s a WhatsApp Cloud API notification is about (<c>entry[].changes[].value.metadata</c>).</summary>
internal static class MetaPayload
{
    public static IReadOnlyList<string>? PhoneNumberIds(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (!Property(doc.RootElement, "entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var ids = new List<string>();
            foreach (var entry in entries.EnumerateArray())
            {
                if (!Property(entry, "changes", out var changes) || changes.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var change in changes.EnumerateArray())
                {
                    if (Property(change, "value", out var value) && Property(value, "metadata", out var metadata)
                        && Property(metadata, "phone_number_id", out var id) && id.ValueKind == JsonValueKind.String)
                    {
                        ids.Add(id.GetString()!);
                    }
                }
            }

            return ids;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A property of an object; false for anything else (TryGetProperty throws on arrays and scalars).</summary>
    private static bool Property(JsonElement element, string name, out JsonElement value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value);
    }
}
