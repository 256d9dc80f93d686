using System.Buffers;
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

    [ThreadStatic]
    private static (byte[] Secret, IncrementalHash Hash)? t_hmac;

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
        ReadOnlySpan<string> parts = ["v1", r.TenantId, r.ResolvedBy, r.Method.ToUpperInvariant(), r.Path, r.PublicUrl,
            unixSeconds.ToString(CultureInfo.InvariantCulture)];
        var length = parts.Length - 1;
        foreach (var part in parts)
        {
            length += Encoding.UTF8.GetMaxByteCount(part.Length);
        }

        var rented = length > 1024 ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> message = rented ?? stackalloc byte[1024];
            var written = 0;
            foreach (var part in parts)
            {
                if (written > 0)
                {
                    message[written++] = (byte)'\n';
                }

                written += Encoding.UTF8.GetBytes(part, message[written..]);
            }

            var hmac = KeyedHmac();
            hmac.AppendData(message[..written]);
            return hmac.GetHashAndReset();
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // Every forwarded request is signed by the gateway and checked by a bot host. A one-shot HMAC sets the key up
    // again each time (a third of the proof's cost); a keyed instance per thread, reset after each use, does not.
    private IncrementalHash KeyedHmac()
    {
        if (t_hmac is { } cached && ReferenceEquals(cached.Secret, _secret))
        {
            return cached.Hash;
        }

        t_hmac?.Hash.Dispose();
        t_hmac = (_secret, IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret));
        return t_hmac.Value.Hash;
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
