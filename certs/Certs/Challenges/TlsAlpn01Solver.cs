namespace Sintestesia.Certs;

/// <summary>TLS-ALPN-01 (RFC 8737): presents a challenge certificate that the HTTPS listener serves to <c>acme-tls/1</c> handshakes.</summary>
public sealed class TlsAlpn01Solver(TlsAlpn01Responder responder) : IChallengeSolver
{
    /// <inheritdoc />
    public string ChallengeType => ChallengeTypes.TlsAlpn01;

    /// <inheritdoc />
    public Task PresentAsync(string identifier, string token, string keyAuthorization, CancellationToken cancellationToken) =>
        responder.PresentAsync(identifier, keyAuthorization, cancellationToken);

    /// <inheritdoc />
    public Task WaitUntilVisibleAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task CleanupAsync(string identifier, string token, CancellationToken cancellationToken) =>
        responder.RemoveAsync(identifier, cancellationToken);
}
