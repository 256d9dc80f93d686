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
            if (!doc.RootElement.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var ids = new List<string>();
            foreach (var entry in entries.EnumerateArray())
            {
                if (!entry.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var change in changes.EnumerateArray())
                {
                    if (change.TryGetProperty("value", out var value) && value.TryGetProperty("metadata", out var metadata)
                        && metadata.TryGetProperty("phone_number_id", out var id) && id.ValueKind == JsonValueKind.String)
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
}
