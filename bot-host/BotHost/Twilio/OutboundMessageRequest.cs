using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Sintestesia.TenantConfig.Lookup;

namespace Sintestesia.BotHost.Twilio;

/// <summary>
/// <c>POST /outbound/messages</c> body: a shopper's number and either free text (<c>body</c>) or an approved WhatsApp
/// template (<c>content_sid</c>, with <c>content_variables</c> such as <c>{"1":"Ana"}</c>).
/// </summary>
public sealed partial record OutboundMessageRequest(
    [property: JsonPropertyName("to")] string? To,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("content_sid")] string? ContentSid,
    [property: JsonPropertyName("content_variables")] JsonElement? ContentVariables)
{
    private const int MaxBody = 1600;

    /// <summary>The number in E.164 (<c>+56912345678</c>), from any way it was typed, or null when it is not a number.</summary>
    public string? Phone => PhoneNumbers.Canonical(To ?? string.Empty) is var p && E164().IsMatch(p) ? p : null;

    public bool IsTemplate => !string.IsNullOrWhiteSpace(ContentSid);

    /// <summary>The template variables as the JSON text Twilio's <c>ContentVariables</c> takes.</summary>
    public string? VariablesJson => ContentVariables is { ValueKind: JsonValueKind.Object } v ? v.GetRawText() : null;

    /// <returns>A sentence saying what is wrong, or null when the request is well formed.</returns>
    public string? Problem()
    {
        var hasBody = !string.IsNullOrWhiteSpace(Body);
        var hasVariables = ContentVariables is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };
        return (Phone, hasBody, IsTemplate) switch
        {
            (null, _, _) => "'to' must be the shopper's number in international form, e.g. +56912345678.",
            (_, true, true) => "Send either 'body' (free text) or 'content_sid' (an approved template), not both.",
            (_, false, false) => "Send 'body' (free text) or 'content_sid' (an approved template).",
            (_, true, _) when Body!.Length > MaxBody => $"'body' can hold at most {MaxBody} characters.",
            (_, true, _) when hasVariables => "'content_variables' only goes with 'content_sid'.",
            (_, _, true) when !ContentSidPattern().IsMatch(ContentSid!.Trim()) => "'content_sid' must be a Twilio Content SID: HX followed by 32 hexadecimal characters.",
            (_, _, true) when hasVariables && VariablesJson is null => "'content_variables' must be a JSON object, e.g. {\"1\":\"Ana\"}.",
            _ => null,
        };
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();

    [GeneratedRegex("^HX[0-9a-fA-F]{32}$")]
    private static partial Regex ContentSidPattern();
}
