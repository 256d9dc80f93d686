using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sintestesia.TenantConfig.Proof;

/// <summary>
/// The gateway's signature on a forwarded request: HMAC-SHA256 over tenant ID, how it was resolved, method,
/// the bot host's path, the public URL the client called and a Unix timestamp, with a secret shared by gateway
/// and bot hosts. A proof made for one tenant, path, URL or minute does not verify for another.
/// </summary>
public sealed class GatewayProof
{
    public const string TenantIdHeader = "X-Tenant-Id";
    public const string ResolvedByHeader = "X-Tenant-Resolved-By";
    public const string TimestampHeader = "X-Gateway-Timestamp";
    public const string ProofHeader = "X-Gateway-Proof";

    /// <summary>The URL the client called, as <c>https://{host}{path}{query}</c> without port: what Twilio signs.</summary>
    public const string PublicUrlHeader = "X-Gateway-Public-Url";

    /// <summary>Every header the gateway owns; a client's copies are removed before forwarding.</summary>
    public static readonly string[] Headers = [TenantIdHeader, ResolvedByHeader, TimestampHeader, ProofHeader, PublicUrlHeader];

    private readonly byte[] _secret;
    private readonly TimeSpan _maxSkew;

    public GatewayProof(ProofOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _secret = Encoding.UTF8.GetBytes(options.Secret ?? throw new ArgumentException("Proof:Secret is not set.", nameof(options)));
        _maxSkew = TimeSpan.FromSeconds(options.MaxSkewSeconds);
    }

    public string Sign(ForwardedRequest request, long unixSeconds)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Convert.ToBase64String(Mac(request, unixSeconds));
    }

    public ProofCheck Verify(ForwardedRequest request, string? timestamp, string? proof, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.TenantId) || string.IsNullOrEmpty(request.ResolvedBy) || string.IsNullOrEmpty(proof)
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

        var expected = Mac(request, seconds);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? ProofCheck.Valid : ProofCheck.Invalid;
    }

    private byte[] Mac(ForwardedRequest r, long unixSeconds)
    {
        var message = string.Join('\n', "v1", r.TenantId, r.ResolvedBy, r.Method.ToUpperInvariant(), r.Path, r.PublicUrl,
            unixSeconds.ToString(CultureInfo.InvariantCulture));
        return HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(message));
    }
}

/// <summary>What the proof covers: the tenant, how it was resolved, and the request as both ends see it.</summary>
public sealed record ForwardedRequest(string TenantId, string ResolvedBy, string Method, string Path, string PublicUrl);

public enum ProofCheck
{
    Valid,
    Missing,
    Expired,
    Invalid,
}
