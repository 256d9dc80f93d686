using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Sintestesia.BotHost.Meta;

/// <summary>How sending one reply ended: Meta's <c>wamid</c> of the sent message, or why it failed.</summary>
internal sealed record GraphSendResult(string? Wamid, string? Error)
{
    public bool Sent => Error is null;
}

/// <summary>
/// Sends text replies through the WhatsApp Cloud API (<c>POST /{version}/{phone_number_id}/messages</c>) with the
/// tenant's access token. Server errors, throttling and network failures are retried with doubling delays on the
/// injected clock; a 4xx is Meta refusing the message, so it is not.
/// </summary>
internal sealed partial class GraphApiClient(HttpClient http, IOptions<MetaOptions> options, TimeProvider time, ILogger<GraphApiClient> logger)
{
    /// <summary>WhatsApp's limit for a text message body.</summary>
    public const int MaxTextLength = 4096;

    private const int MaxErrorLength = 900;

    public async Task<GraphSendResult> SendTextAsync(string tenantId, string phoneNumberId, string accessToken, string to, string text, CancellationToken ct)
    {
        var o = options.Value;
        var url = new Uri($"{o.GraphBaseUrl.TrimEnd('/')}/{o.GraphVersion}/{Uri.EscapeDataString(phoneNumberId)}/messages");
        var message = new GraphTextMessage("whatsapp", to, "text", new GraphText(text.Length > MaxTextLength ? text[..MaxTextLength] : text));
        var error = string.Empty;
        for (var attempt = 1; attempt <= o.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                var delay = TimeSpan.FromMilliseconds(o.RetryDelayMilliseconds * Math.Pow(2, attempt - 2));
                Log.Retrying(logger, tenantId, phoneNumberId, attempt, delay.TotalMilliseconds, error);
                await Task.Delay(delay, time, ct);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(message) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            try
            {
                using var response = await http.SendAsync(request, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode)
                {
                    return new GraphSendResult(SentWamid(body), null);
                }

                error = Describe(response.StatusCode, body);
                if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    break;
                }
            }
            catch (HttpRequestException e)
            {
                error = Truncate($"The Graph API could not be reached: {e.Message}");
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                error = $"The Graph API did not answer within {o.SendTimeoutSeconds} s.";
            }
        }

        Log.Failed(logger, tenantId, phoneNumberId, error);
        return new GraphSendResult(null, error);
    }

    private static string? SentWamid(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
                && messages.GetArrayLength() > 0 && messages[0].TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Meta's own error sentence and code when it gave one (<c>{"error":{"message","code"}}</c>).</summary>
    private static string Describe(HttpStatusCode status, string body)
    {
        var detail = string.Empty;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                var text = e.TryGetProperty("message", out var m) ? m.ToString() : null;
                var code = e.TryGetProperty("code", out var c) ? c.ToString() : null;
                detail = $": {text}{(code is null ? string.Empty : $" (code {code})")}";
            }
        }
        catch (JsonException)
        {
            // Not Meta's JSON (a proxy's error page, say): the status alone tells what happened.
        }

        return Truncate($"The Graph API answered {(int)status} {status}{detail}");
    }

    private static string Truncate(string text) => text.Length > MaxErrorLength ? text[..MaxErrorLength] : text;

    private sealed record GraphTextMessage(
        [property: JsonPropertyName("messaging_product")] string MessagingProduct,
        [property: JsonPropertyName("to")] string To,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("text")] GraphText Text);

    private sealed record GraphText([property: JsonPropertyName("body")] string Body);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Reply of tenant {TenantId} through Meta number {PhoneNumberId}: attempt {Attempt} in {DelayMs} ms, after: {Reason}")]
        public static partial void Retrying(ILogger logger, string tenantId, string phoneNumberId, int attempt, double delayMs, string reason);

        [LoggerMessage(2, LogLevel.Error, "Reply of tenant {TenantId} through Meta number {PhoneNumberId} was not sent: {Reason}")]
        public static partial void Failed(ILogger logger, string tenantId, string phoneNumberId, string reason);
    }
}
