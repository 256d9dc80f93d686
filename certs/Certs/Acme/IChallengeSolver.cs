namespace Sintestesia.Certs;

/// <summary>
/// Proves control of a name with one ACME challenge type (RFC 8555 section 8): presents the key authorization
/// where the server will look for it, and removes it afterwards.
/// </summary>
public interface IChallengeSolver
{
    /// <summary>The challenge type answered, e.g. <c>dns-01</c>, <c>http-01</c> or <c>tls-alpn-01</c>.</summary>
    string ChallengeType { get; }

    /// <summary>Makes <paramref name="keyAuthorization"/> visible for <paramref name="identifier"/> (a wildcard's base domain for <c>*.x</c>).</summary>
    Task PresentAsync(string identifier, string token, string keyAuthorization, CancellationToken cancellationToken);

    /// <summary>
    /// Called once after every challenge of an order is presented and before any is answered, e.g. to wait until
    /// DNS changes have reached the authoritative servers.
    /// </summary>
    Task WaitUntilVisibleAsync(CancellationToken cancellationToken);

    /// <summary>Removes what <see cref="PresentAsync"/> made visible; called whether validation passed or not.</summary>
    Task CleanupAsync(string identifier, string token, CancellationToken cancellationToken);
}
