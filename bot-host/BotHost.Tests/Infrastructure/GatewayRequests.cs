using System.Globalization;
using System.Text;
using Sintestesia.TenantConfig.Proof;

namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>Builds the requests the gateway would forward: tenant headers plus its proof over them.</summary>
public sealed class GatewayRequests(GatewayProof proof)
{
    /// <summary>
    /// A request carrying <paramref name="sent"/> in its headers, with a proof made for <paramref name="signedFor"/>
    /// (the same request unless a test forges one) at <paramref name="signedAt"/> (now unless given).
    /// </summary>
    public HttpRequestMessage Create(ForwardedRequest sent, HttpContent? content = null, ForwardedRequest? signedFor = null, DateTimeOffset? signedAt = null)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var seconds = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var request = new HttpRequestMessage(new HttpMethod(sent.Method), new Uri(sent.Path, UriKind.Relative)) { Content = content };
        request.Headers.Add(GatewayProof.TenantIdHeader, sent.TenantId);
        request.Headers.Add(GatewayProof.ResolvedByHeader, sent.ResolvedBy);
        request.Headers.Add(GatewayProof.PublicUrlHeader, sent.PublicUrl);
        request.Headers.Add(GatewayProof.TimestampHeader, seconds.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(GatewayProof.ProofHeader, proof.Sign(signedFor ?? sent, seconds));
        return request;
    }

    /// <summary><c>POST /webhook</c> with a JSON body, as the gateway forwards <c>/webhook/{slug}</c>.</summary>
    public HttpRequestMessage Json(string tenantId, string json) =>
        Create(DemoShops.JsonWebhook(tenantId), new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary><c>POST /bot/twilio/webhook</c> with a form and, when given, its <c>X-Twilio-Signature</c>.</summary>
    public HttpRequestMessage Twilio(string tenantId, string publicUrl, IReadOnlyDictionary<string, string> form, string? signature)
    {
        var request = Create(new ForwardedRequest(tenantId, "slug", "POST", DemoShops.TwilioPath, publicUrl), new FormUrlEncodedContent(form));
        if (signature is not null)
        {
            request.Headers.Add("X-Twilio-Signature", signature);
        }

        return request;
    }
}
