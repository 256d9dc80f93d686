namespace Sintestesia.TenantConfig.Data;

/// <summary>
/// An ACME challenge being validated (table <c>acme_challenges</c>), so that whichever gateway the CA's validation
/// reaches can answer it, not only the gateway that placed the order.
/// </summary>
public sealed class AcmeChallengeRow
{
    /// <summary><c>http-01</c> (then <see cref="Name"/> is the token) or <c>tls-alpn-01</c> (then it is the host).</summary>
    public required string Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>The key authorization (RFC 8555 §8.1); public while the challenge lasts, so not encrypted.</summary>
    public required string KeyAuthorization { get; set; }

    public DateTime CreatedAt { get; set; }
}
