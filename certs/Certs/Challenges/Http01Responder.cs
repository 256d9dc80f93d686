using System.Collections.Concurrent;

namespace Sintestesia.Certs;

/// <summary>
/// HTTP-01 (RFC 8555 section 8.3): keeps the key authorizations the public HTTP listener answers at
/// <c>/.well-known/acme-challenge/{token}</c> while an order is being validated.
/// </summary>
public sealed class Http01Responder : IChallengeSolver
{
    /// <summary>The path prefix the CA requests.</summary>
    public const string PathPrefix = "/.well-known/acme-challenge/";

    private readonly ConcurrentDictionary<string, string> _keyAuthorizations = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string ChallengeType => "http-01";

    /// <summary>The key authorization for <paramref name="token"/>, or <see langword="null"/> when no challenge is pending for it.</summary>
    public string? Find(string token) => _keyAuthorizations.TryGetValue(token, out var value) ? value : null;

    /// <inheritdoc />
    public Task PresentAsync(string identifier, string token, string keyAuthorization, CancellationToken cancellationToken)
    {
        _keyAuthorizations[token] = keyAuthorization;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WaitUntilVisibleAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task CleanupAsync(string identifier, string token, CancellationToken cancellationToken)
    {
        _keyAuthorizations.TryRemove(token, out _);
        return Task.CompletedTask;
    }
}
