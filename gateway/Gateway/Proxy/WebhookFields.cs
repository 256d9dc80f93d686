using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Sintestesia.Gateway.Proxy;

/// <summary>The fields of a webhook body that routing and edge validation look at.</summary>
internal sealed record WebhookFields(bool IsForm, string? Slug, string? TenantId, string? Telefono, string? Mensaje, string? To)
{
    public const int MaxPhoneLength = 40;
    public const int MaxMessageLength = 4096;

    /// <summary>Twilio's <c>MessagingServiceSid</c>: numbers in a Messaging Service pool post it.</summary>
    public string? MessagingServiceSid { get; init; }

    public string? AccountSid { get; init; }

    /// <summary>Parses a JSON object or a form; returns a sentence instead when the body is neither.</summary>
    public static (WebhookFields? Fields, string? Error) Parse(HttpRequest request, byte[] body)
    {
        if (request.HasFormContentType)
        {
            var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
            string? Get(string key) => form.TryGetValue(key, out var v) ? v.ToString() : null;
            return (new WebhookFields(true, Get("slug"), Get("tenant_id"), Get("From"), Get("Body"), Get("To"))
            {
                MessagingServiceSid = Get("MessagingServiceSid"),
                AccountSid = Get("AccountSid"),
            }, null);
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "The body must be a JSON object such as {\"telefono\":\"+56999999999\",\"mensaje\":\"hola\"}.");
            }

            string? Get(string key) =>
                doc.RootElement.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return (new WebhookFields(false, Get("slug"), Get("tenant_id"), Get("telefono"), Get("mensaje"), null), null);
        }
        catch (JsonException)
        {
            return (null, "The body is not valid JSON; send {\"telefono\":\"+56999999999\",\"mensaje\":\"hola\"} with Content-Type: application/json.");
        }
    }

    /// <summary>The contract's JSON message rules; null when the message is acceptable.</summary>
    public string? JsonMessageError() =>
        string.IsNullOrWhiteSpace(Telefono) ? "The field 'telefono' is missing or empty."
        : Telefono.Length > MaxPhoneLength || !Telefono.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')')
            ? $"The field 'telefono' must be a phone number such as +56999999999 (at most {MaxPhoneLength} characters)."
        : string.IsNullOrWhiteSpace(Mensaje) ? "The field 'mensaje' is missing or empty."
        : Mensaje.Length > MaxMessageLength ? $"The field 'mensaje' is longer than {MaxMessageLength} characters."
        : null;
}
