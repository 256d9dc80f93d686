namespace Sintestesia.Certs;

/// <summary>
/// Challenges presented by one process and answered by any process sharing the store (gateways behind one load
/// balancer), so the CA's validation may reach a gateway that did not place the order. A challenge is keyed by its type
/// and name: the token for <see cref="ChallengeTypes.Http01"/>, the host for <see cref="ChallengeTypes.TlsAlpn01"/>.
/// </summary>
/// <remarks>
/// The responders keep their own challenges in memory and answer those without the store; they ask it only about
/// names <see cref="ChallengeNames"/> accepts. Without a store (the default) a challenge is answered only by the process
/// that presented it. Implementations handle their own outages: a failed write is logged (the presenting process still
/// answers), a failed read answers <see langword="null"/>; only cancellation is thrown.
/// </remarks>
public interface ISharedChallengeStore
{
    /// <summary>Makes the challenge visible to every process sharing the store, replacing one of the same type and name.</summary>
    Task SaveAsync(string challengeType, string name, string keyAuthorization, CancellationToken cancellationToken);

    /// <summary>The key authorization pending for the challenge, or <see langword="null"/> when none is (or the store cannot tell).</summary>
    Task<string?> FindAsync(string challengeType, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the challenge if it still holds <paramref name="keyAuthorization"/>: another process may have presented
    /// a newer one for the same host since, and that one must stay.
    /// </summary>
    Task RemoveAsync(string challengeType, string name, string keyAuthorization, CancellationToken cancellationToken);
}
