namespace Sintestesia.Certs;

/// <summary>The ACME challenge types this library answers (RFC 8555 section 8, RFC 8737).</summary>
public static class ChallengeTypes
{
    /// <summary>A key authorization served over plain HTTP at <c>/.well-known/acme-challenge/{token}</c>.</summary>
    public const string Http01 = "http-01";

    /// <summary>A challenge certificate served to TLS handshakes offering only <c>acme-tls/1</c>.</summary>
    public const string TlsAlpn01 = "tls-alpn-01";

    /// <summary>A TXT record at <c>_acme-challenge.{domain}</c>.</summary>
    public const string Dns01 = "dns-01";
}
