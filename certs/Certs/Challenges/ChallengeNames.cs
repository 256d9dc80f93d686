using System.Buffers;
using Sintestesia.Certs.Sni;

namespace Sintestesia.Certs;

/// <summary>
/// Which challenge names are worth looking up in a shared store: request paths and SNI names come from anyone, so
/// only an ACME token or a host name TLS-ALPN-01 can validate may cost a query; anything else is "no challenge" at once.
/// </summary>
public static class ChallengeNames
{
    /// <summary>RFC 8555 section 8.1: a token carries at least 128 bits of entropy, so at least 22 base64url characters.</summary>
    public const int MinTokenLength = 22;

    /// <summary>Far above any CA's tokens (Let's Encrypt and pebble send 43 characters).</summary>
    public const int MaxTokenLength = 128;

    private const int MaxHostLength = 253;
    private const int MaxLabelLength = 63;

    private static readonly SearchValues<char> Base64UrlCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static readonly SearchValues<char> HostCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-.");

    /// <summary>Whether <paramref name="token"/> can be an ACME token: unpadded base64url of a bounded length.</summary>
    public static bool IsToken(string? token) =>
        token is { Length: >= MinTokenLength and <= MaxTokenLength } && !token.AsSpan().ContainsAnyExcept(Base64UrlCharacters);

    /// <summary>
    /// <paramref name="host"/> lower case without a trailing dot when it is a host name TLS-ALPN-01 can validate
    /// (letters, digits and hyphens in labels of 1 to 63 characters, at most 253 in all, no wildcard); otherwise
    /// <see langword="null"/>.
    /// </summary>
    public static string? NormalizeHost(string? host)
    {
        if (host is null || host.Length > MaxHostLength + 1 || HostNames.Normalize(host) is not { Length: <= MaxHostLength } name
            || name.AsSpan().ContainsAnyExcept(HostCharacters))
        {
            return null;
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength || label.StartsWith('-') || label.EndsWith('-'))
            {
                return null;
            }
        }

        return name;
    }
}
