using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Sintestesia.Gateway.Tests.Infrastructure;

/// <summary>The requests tests send to a running system, as a shop's integration, Twilio or ops would.</summary>
public static class GatewayCalls
{
    public const string Shopper = "+56911111111";

    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary><c>POST /webhook/{segment}</c> with the contract's JSON message; the segment is URL-escaped.</summary>
    public static Task<Reply> AskAsync(this RunningSystem system, string segment, string mensaje, Action<HttpRequestMessage>? adjust = null) =>
        system.AskAtPathAsync($"/webhook/{Uri.EscapeDataString(segment)}", mensaje, adjust);

    /// <summary>Like <see cref="AskAsync"/>, with the path exactly as given (already escaped, or hostile on purpose).</summary>
    public static Task<Reply> AskAtPathAsync(this RunningSystem system, string path, string mensaje, Action<HttpRequestMessage>? adjust = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(system.InternalUrl, path))
        {
            Content = Json(new { Telefono = Shopper, Mensaje = mensaje }),
        };
        adjust?.Invoke(request);
        return system.SendAsync(request);
    }

    /// <summary>Any body, sent as-is with the given content type, to the internal listener.</summary>
    public static Task<Reply> PostRawAsync(this RunningSystem system, string path, string body, string mediaType = "application/json") =>
        system.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(system.InternalUrl, path))
        {
            Content = new StringContent(body, Encoding.UTF8, mediaType),
        });

    public static Task<Reply> PostJsonAsync(this RunningSystem system, string path, object body) =>
        system.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(system.InternalUrl, path)) { Content = Json(body) });

    public static Task<Reply> GetAsync(this RunningSystem system, Uri listener, string path) =>
        system.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(listener, path)));

    /// <summary>An admin API call with the system's bearer token (or <paramref name="authorization"/> when given).</summary>
    public static Task<Reply> AdminAsync(this RunningSystem system, HttpMethod method, string path, object? body = null,
        AuthenticationHeaderValue? authorization = null)
    {
        var request = new HttpRequestMessage(method, new Uri(system.InternalUrl, path))
        {
            Content = body is null ? null : Json(body),
        };
        request.Headers.Authorization = authorization ?? new AuthenticationHeaderValue("Bearer", system.Secrets.AdminToken);
        return system.SendAsync(request);
    }

    /// <summary>A Twilio form posted to the public listener under <paramref name="host"/>, signed when a signature is given.</summary>
    public static Task<Reply> TwilioAsync(this RunningSystem system, string host, IReadOnlyDictionary<string, string> form, string? signature,
        Action<HttpRequestMessage>? adjust = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(system.PublicUrl, "/bot/twilio/webhook"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Host = host;
        if (signature is not null)
        {
            request.Headers.Add("X-Twilio-Signature", signature);
        }

        adjust?.Invoke(request);
        return system.SendAsync(request);
    }

    public static async Task<Reply> SendAsync(this RunningSystem system, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(system);
        using (request)
        {
            using var response = await system.Http.SendAsync(request);
            return await Reply.ReadAsync(response);
        }
    }

    public static JsonContent Json(object body) => JsonContent.Create(body, options: SnakeCase);
}
