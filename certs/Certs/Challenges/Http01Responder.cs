using System.Collections.Concurrent;

namespace Sintestesia.Certs;

/// <summary>
/// HTTP-01 (RFC 8555 section 8.3): keeps the key authorizations the public HTTP listener answers at
/// <c>/.well-known/acme-challenge/{token}</c> while an order is being validated.
/// </summary>
/// <param name="shared">
/// Where challenges are also kept for, and looked up from, other processes answering for the same names; when
/// <see langword="null"/>, only this process's own challenges are answered.
/// </param>
public sealed class Http01Responder(ISharedChallengeStore? shared = null) : IChallengeSolver
{
    /// <summary>The path prefix the CA requests.</summary>
    public const string PathPrefix = "/.well-known/acme-challenge/";

    private readonly ConcurrentDictionary<string, string> _keyAuthorizations = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string ChallengeType => ChallengeTypes.Http01;

    /// <summary>The key authorization this process presented for <paramref name="token"/>, or <see langword="null"/>.</summary>
    public string? Find(string token) => _keyAuthorizations.TryGetValue(token, out var value) ? value : null;

    /// <summary>
    /// The key authorization for <paramref name="token"/> presented by this process or, through the shared store, by
    /// another; <see langword="null"/> when no challenge is pending for it. Only a well-formed token reaches the store.
    /// </summary>
    public async ValueTask<string?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        if (Find(token) is { } own)
        {
            return own;
        }

        return shared is not null && ChallengeNames.IsToken(token)
            ? await shared.FindAsync(ChallengeTypes.Http01, token, cancellationToken)
            : null;
    }

    /// <inheritdoc />
    public async Task PresentAsync(string identifier, string token, string keyAuthorization, CancellationToken cancellationToken)
    {
        _keyAuthorizations[token] = keyAuthorization;
        if (shared is not null)
        {
            await shared.SaveAsync(ChallengeTypes.Http01, token, keyAuthorization, cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task WaitUntilVisibleAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task CleanupAsync(string identifier, string token, CancellationToken cancellationToken)
    {
        if (_keyAuthorizations.TryRemove(token, out var keyAuthorization) && shared is not null)
        {
            await shared.RemoveAsync(ChallengeTypes.Http01, token, keyAuthorization, cancellationToken);
        }
    }
}
