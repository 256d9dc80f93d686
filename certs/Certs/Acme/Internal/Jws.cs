using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Sintestesia.Certs.Acme.Internal;

/// <summary>Flattened JWS (RFC 7515) signed with ES256, as ACME requests are (RFC 8555 section 6.2).</summary>
internal static class Jws
{
    // Members in lexicographic order: RFC 7638 thumbprints hash exactly this serialization.
    public static JsonObject PublicJwk(ECDsa key)
    {
        var p = key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["crv"] = "P-256",
            ["kty"] = "EC",
            ["x"] = Base64Url.Encode(p.Q.X!),
            ["y"] = Base64Url.Encode(p.Q.Y!),
        };
    }

    public static string Thumbprint(ECDsa key) =>
        Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(PublicJwk(key).ToJsonString())));

    public static string KeyAuthorization(string token, ECDsa key) => token + "." + Thumbprint(key);

    public static string Dns01TxtValue(string keyAuthorization) =>
        Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(keyAuthorization)));

    // payload null = POST-as-GET (empty payload); kid null = send the public key instead (newAccount).
    public static string Sign(ECDsa key, Uri url, string nonce, string? kid, JsonNode? payload)
    {
        var header = new JsonObject { ["alg"] = "ES256" };
        if (kid is null)
        {
            header["jwk"] = PublicJwk(key);
        }
        else
        {
            header["kid"] = kid;
        }

        header["nonce"] = nonce;
        header["url"] = url.AbsoluteUri;

        var protectedPart = Base64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()));
        var payloadPart = payload is null ? string.Empty : Base64Url.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        // .NET signs ECDSA in IEEE P1363 form (r || s), which is what JWS ES256 expects.
        var signature = key.SignData(Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart), HashAlgorithmName.SHA256);
        return new JsonObject
        {
            ["protected"] = protectedPart,
            ["payload"] = payloadPart,
            ["signature"] = Base64Url.Encode(signature),
        }.ToJsonString();
    }

    // RFC 8555 7.3.4: the account's public JWK, MAC-ed with the CA's key so the CA knows who asks.
    public static JsonObject ExternalAccountBinding(ECDsa accountKey, Uri newAccountUrl, string keyId, string macKey)
    {
        var header = new JsonObject { ["alg"] = "HS256", ["kid"] = keyId, ["url"] = newAccountUrl.AbsoluteUri };
        var protectedPart = Base64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()));
        var payloadPart = Base64Url.Encode(Encoding.UTF8.GetBytes(PublicJwk(accountKey).ToJsonString()));
        var mac = HMACSHA256.HashData(Base64Url.Decode(macKey), Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart));
        return new JsonObject
        {
            ["protected"] = protectedPart,
            ["payload"] = payloadPart,
            ["signature"] = Base64Url.Encode(mac),
        };
    }
}
