using Sintestesia.Certs.Acme.Internal;

namespace Sintestesia.Certs;

/// <summary>
/// DNS-01: publishes <c>_acme-challenge.{name}</c> TXT records through a DNS provider. The only challenge that can
/// prove a wildcard name.
/// </summary>
/// <param name="dns">Publishes and clears the TXT records.</param>
/// <param name="propagationDelay">
/// How long to wait after publishing before the CA may look: real providers need time to reach every
/// authoritative server (Cloudflare: seconds to a minute); a local test DNS server needs none.
/// </param>
/// <param name="timeProvider">Used for that wait.</param>
public sealed class Dns01Solver(IDnsChallengeProvider dns, TimeSpan propagationDelay = default, TimeProvider? timeProvider = null) : IChallengeSolver
{
    /// <inheritdoc />
    public string ChallengeType => ChallengeTypes.Dns01;

    /// <inheritdoc />
    public Task PresentAsync(string identifier, string token, string keyAuthorization, CancellationToken cancellationToken) =>
        dns.PublishTxtAsync(TxtName(identifier), Jws.Dns01TxtValue(keyAuthorization), cancellationToken);

    /// <inheritdoc />
    public Task WaitUntilVisibleAsync(CancellationToken cancellationToken) =>
        propagationDelay > TimeSpan.Zero
            ? Task.Delay(propagationDelay, timeProvider ?? TimeProvider.System, cancellationToken)
            : Task.CompletedTask;

    /// <inheritdoc />
    public Task CleanupAsync(string identifier, string token, CancellationToken cancellationToken) =>
        dns.ClearTxtAsync(TxtName(identifier), cancellationToken);

    private static string TxtName(string identifier) => "_acme-challenge." + identifier;
}
