using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Sintestesia.Certs.Acme.Internal;

namespace Sintestesia.Certs;

/// <summary>
/// The ES256 (ECDSA P-256) key that identifies an ACME account. The caller persists it
/// (<see cref="ExportPkcs8"/> or <see cref="ExportJwk"/>) and imports it again to reuse the account.
/// </summary>
public sealed class AcmeAccountKey : IDisposable
{
    private AcmeAccountKey(ECDsa key)
    {
        Key = key;
    }

    internal ECDsa Key { get; }

    /// <summary>Creates a new random P-256 key.</summary>
    public static AcmeAccountKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Imports a key exported with <see cref="ExportPkcs8"/>.</summary>
    public static AcmeAccountKey ImportPkcs8(ReadOnlySpan<byte> pkcs8)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return FromValidated(key);
    }

    /// <summary>Imports a key exported with <see cref="ExportPkcs8Pem"/> (a <c>PRIVATE KEY</c> PEM; an <c>EC PRIVATE KEY</c> PEM also reads).</summary>
    public static AcmeAccountKey ImportPkcs8Pem(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch
        {
            key.Dispose();
            throw;
        }

        return FromValidated(key);
    }

    /// <summary>Imports a private JWK (members <c>kty</c>, <c>crv</c>, <c>x</c>, <c>y</c>, <c>d</c>) exported with <see cref="ExportJwk"/>.</summary>
    public static AcmeAccountKey ImportJwk(string jwk)
    {
        var node = JsonNode.Parse(jwk) ?? throw new ArgumentException("The JWK is empty.", nameof(jwk));
        if ((string?)node["kty"] != "EC" || (string?)node["crv"] != "P-256")
        {
            throw new ArgumentException("Only EC P-256 JWKs are supported.", nameof(jwk));
        }

        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.Decode(Member(node, "x")), Y = Base64Url.Decode(Member(node, "y")) },
            D = Base64Url.Decode(Member(node, "d")),
        };
        return FromValidated(ECDsa.Create(parameters));
    }

    /// <summary>Exports the private key as PKCS#8 DER; keep it secret (e.g. a file with mode 0600).</summary>
    public byte[] ExportPkcs8() => Key.ExportPkcs8PrivateKey();

    /// <summary>Exports the private key as a PKCS#8 <c>PRIVATE KEY</c> PEM; keep it secret.</summary>
    public string ExportPkcs8Pem() => PemEncoding.WriteString("PRIVATE KEY", ExportPkcs8());

    /// <summary>Exports the private key as a JWK JSON string; keep it secret.</summary>
    public string ExportJwk()
    {
        var p = Key.ExportParameters(includePrivateParameters: true);
        var jwk = Jws.PublicJwk(Key);
        jwk["d"] = Base64Url.Encode(p.D!);
        return jwk.ToJsonString();
    }

    /// <inheritdoc />
    public void Dispose() => Key.Dispose();

    private static string Member(JsonNode node, string name) =>
        (string?)node[name] ?? throw new ArgumentException($"The JWK has no '{name}' member.", nameof(node));

    private static AcmeAccountKey FromValidated(ECDsa key)
    {
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new ArgumentException("ACME account keys must be ECDSA P-256 (ES256).");
        }

        return new AcmeAccountKey(key);
    }
}
