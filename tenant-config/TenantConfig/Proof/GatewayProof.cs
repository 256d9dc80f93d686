using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sintestesia.TenantConfig.Proof;

/// <summary>
/// The gateway's signature on a forwarded request: HMAC-SHA256 over tenant ID, how it was resolved, method,
/// path and a Unix timestamp, with a secret shared by gateway and bot hosts. A proof made for one tenant,
/// path or minute does not verify for another.
/// </summary>
public sealed class GatewayProof
{
    public const string TenantIdHeader = "X-Tenant-Id";
    public const string ResolvedByHeader = "X-Tenant-Resolved-By";
    public const string TimestampHeader = "X-Gateway-Timestamp";
    public const string ProofHeader = "X-Gateway-Proof";

    /// <summary>Every header the gateway owns; a client's copies are removed before forwarding.</summary>
    public static readonly string[] Headers = [TenantIdHeader, ResolvedByHeader, TimestampHeader, ProofHeader];

    private readonly byte[] _secret;
    private readonly TimeSpan _maxSkew;

    public GatewayProof(ProofOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _secret = Encoding.UTF8.GetBytes(options.Secret ?? throw new ArgumentException("Proof:Secret is not set.", nameof(options)));
        _maxSkew = TimeSpan.FromSeconds(options.MaxSkewSeconds);
    }

    public string Sign(string tenantId, string resolvedBy, string method, string path, long unixSeconds) =>
        Convert.ToBase64String(Mac(tenantId, resolvedBy, method, path, unixSeconds));

    public ProofCheck Verify(string? tenantId, string? resolvedBy, string method, string path, string? timestamp, string? proof, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(tenantId) || string.IsNullOrEmpty(resolvedBy) || string.IsNullOrEmpty(proof)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return ProofCheck.Missing;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > _maxSkew)
        {
            return ProofCheck.Expired;
        }

        Span<byte> given = stackalloc byte[32];
        if (!Convert.TryFromBase64String(proof, given, out var written) || written != 32)
        {
            return ProofCheck.Invalid;
        }

        var expected = Mac(tenantId, resolvedBy, method, path, seconds);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? ProofCheck.Valid : ProofCheck.Invalid;
    }

    private byte[] Mac(string tenantId, string resolvedBy, string method, string path, long unixSeconds)
    {
        var message = string.Join('\n', "v1", tenantId, resolvedBy, method.ToUpperInvariant(), path,
            unixSeconds.ToString(CultureInfo.InvariantCulture));
        return HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(message));
    }
}

public enum ProofCheck
{
    Valid,
    Missing,
    Expired,
    Invalid,
}
