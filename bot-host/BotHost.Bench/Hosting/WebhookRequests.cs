using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sintestesia.TenantConfig.Proof;

namespace Sintestesia.BotHost.Bench.Hosting;

/// <summary>The contract's JSON message.</summary>
internal sealed record WebhookMessage(
    [property: JsonPropertyName("telefono")] string Phone,
    [property: JsonPropertyName("mensaje")] string Text);

/// <summary><c>POST /webhook</c> as the gateway forwards it: tenant headers plus the gateway's proof over them.</summary>
internal sealed class WebhookRequests(GatewayProof proof)
{
    public HttpRequestMessage Create(string tenantId, string phone, string message)
    {
        var forwarded = new ForwardedRequest(tenantId, "slug", "POST", "/webhook", $"https://api.sintestesia.cl/webhook/{tenantId}");
        var seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = JsonSerializer.Serialize(new WebhookMessage(phone, message));
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(forwarded.Path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(GatewayProof.TenantIdHeader, forwarded.TenantId);
        request.Headers.Add(GatewayProof.ResolvedByHeader, forwarded.ResolvedBy);
        request.Headers.Add(GatewayProof.PublicUrlHeader, forwarded.PublicUrl);
        request.Headers.Add(GatewayProof.TimestampHeader, seconds.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(GatewayProof.ProofHeader, proof.Sign(forwarded, seconds));
        return request;
    }
}
