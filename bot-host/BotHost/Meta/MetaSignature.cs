using System.Security.Cryptography;
using System.Text;

namespace Sintestesia.BotHost.Meta;

/// <summary>
/// Meta's webhook signatures: <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the raw body bytes
/// keyed with the app secret. Compared in constant time, so a guess learns nothing from how long a refusal takes.
/// </summary>
internal static class MetaSignature
{
    public const string Header = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    public static bool Matches(ReadOnlySpan<byte> body, string? header, string appSecret)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || header.Length != Prefix.Length + 64)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    /// <summary>Equal texts, compared as hashes so neither the content nor the length of the secret leaks through timing.</summary>
    public static bool SameSecret(string given, string stored) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(stored)));
}
