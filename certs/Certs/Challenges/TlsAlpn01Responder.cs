using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Sintestesia.Certs.Sni;

namespace Sintestesia.Certs;

/// <summary>
/// TLS-ALPN-01 (RFC 8737): keeps, per host, the self-signed challenge certificate the HTTPS listener serves to a
/// client that offers only <c>acme-tls/1</c>, while an order is being validated. Thread-safe.
/// </summary>
/// <remarks>Wire it with <see cref="AcmeTlsAlpn.UsePeekedClientHello"/>, <see cref="AcmeTlsAlpn.TryAnswerChallengeAsync"/> and <see cref="AcmeTlsAlpn.UseAcmeTlsAlpnTermination"/>.</remarks>
/// <param name="timeProvider">Sets the challenge certificates' validity; <see cref="TimeProvider.System"/> when omitted.</param>
/// <param name="shared">
/// Where challenges are also kept for, and looked up from, other processes answering for the same hosts; when
/// <see langword="null"/>, only this process's own challenges are answered.
/// </param>
/// <param name="mayLookUpShared">
/// Which hosts (lower case, no trailing dot) are worth asking <paramref name="shared"/> about, e.g. only those this
/// process would serve; every valid host name when omitted.
/// </param>
public sealed class TlsAlpn01Responder(TimeProvider? timeProvider = null, ISharedChallengeStore? shared = null, Func<string, bool>? mayLookUpShared = null)
{
    /// <summary>id-pe-acmeIdentifier (RFC 8737 section 6.1).</summary>
    public const string AcmeIdentifierOid = "1.3.6.1.5.5.7.1.31";

    // The CA connects within seconds of being told to; the hour back covers clock skew.
    private static readonly TimeSpan Backdate = TimeSpan.FromHours(1);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly TimeProvider _timeProvider = timeProvider ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Challenge> _challenges = new(StringComparer.Ordinal);

    // Certificates made for other processes' challenges, so a validator's repeated handshakes cost one key pair.
    private readonly ConcurrentDictionary<string, Challenge> _sharedChallenges = new(StringComparer.Ordinal);

    /// <summary>Serves a challenge certificate for <paramref name="host"/> proving <paramref name="keyAuthorization"/>, replacing any earlier one.</summary>
    /// <param name="host">The DNS identifier being validated; compared case-insensitively, one trailing dot ignored.</param>
    /// <param name="keyAuthorization">The challenge's key authorization (token + "." + account key thumbprint).</param>
    /// <exception cref="ArgumentException">The host is empty or a wildcard (TLS-ALPN-01 cannot prove a wildcard).</exception>
    public void Present(string host, string keyAuthorization)
    {
        ArgumentNullException.ThrowIfNull(keyAuthorization);
        var name = NormalizeOrThrow(host);
        // Replaced contexts are not disposed: a handshake in flight may still be using them.
        _challenges[name] = CreateChallenge(name, keyAuthorization);
    }

    /// <summary>Like <see cref="Present"/>, and also saves the challenge to the shared store for the other processes.</summary>
    public async Task PresentAsync(string host, string keyAuthorization, CancellationToken cancellationToken)
    {
        var name = NormalizeOrThrow(host);
        Present(name, keyAuthorization);
        if (shared is not null)
        {
            await shared.SaveAsync(ChallengeTypes.TlsAlpn01, name, keyAuthorization, cancellationToken);
        }
    }

    /// <summary>Stops serving the challenge certificate for <paramref name="host"/>; nothing happens if none is presented.</summary>
    public void Remove(string host)
    {
        if (HostNames.Normalize(host) is { } name)
        {
            _challenges.TryRemove(name, out _);
        }
    }

    /// <summary>Like <see cref="Remove"/>, and also removes the challenge from the shared store if it is still this one.</summary>
    public async Task RemoveAsync(string host, CancellationToken cancellationToken)
    {
        if (HostNames.Normalize(host) is { } name && _challenges.TryRemove(name, out var removed) && shared is not null)
        {
            await shared.RemoveAsync(ChallengeTypes.TlsAlpn01, name, removed.KeyAuthorization, cancellationToken);
        }
    }

    /// <summary>The challenge certificate this process presented for <paramref name="host"/>, or <see langword="null"/>.</summary>
    public SslStreamCertificateContext? Find(string? host) =>
        HostNames.Normalize(host) is { } name && _challenges.TryGetValue(name, out var challenge) ? challenge.Certificate : null;

    /// <summary>
    /// The challenge certificate for <paramref name="host"/> presented by this process or, through the shared store,
    /// by another; <see langword="null"/> when none is pending. Only a valid host name that passes the lookup filter
    /// reaches the store.
    /// </summary>
    public async ValueTask<SslStreamCertificateContext?> FindAsync(string? host, CancellationToken cancellationToken)
    {
        if (Find(host) is { } own)
        {
            return own;
        }

        if (shared is null || ChallengeNames.NormalizeHost(host) is not { } name || !(mayLookUpShared?.Invoke(name) ?? true))
        {
            return null;
        }

        if (await shared.FindAsync(ChallengeTypes.TlsAlpn01, name, cancellationToken) is not { } keyAuthorization)
        {
            _sharedChallenges.TryRemove(name, out _);
            return null;
        }

        if (_sharedChallenges.TryGetValue(name, out var made) && made.KeyAuthorization == keyAuthorization)
        {
            return made.Certificate;
        }

        var challenge = CreateChallenge(name, keyAuthorization);
        _sharedChallenges[name] = challenge;
        return challenge.Certificate;
    }

    /// <summary>
    /// Self-signed ECDSA P-256 with exactly one dNSName, and the critical acmeIdentifier extension holding the DER
    /// OCTET STRING of SHA-256(keyAuthorization) (RFC 8737 section 3).
    /// </summary>
    internal static X509Certificate2 CreateCertificate(string host, string keyAuthorization, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ACME TLS-ALPN-01 challenge", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());

        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(SHA256.HashData(Encoding.UTF8.GetBytes(keyAuthorization)));
        request.CertificateExtensions.Add(new X509Extension(new Oid(AcmeIdentifierOid), writer.Encode(), critical: true));

        return request.CreateSelfSigned(now - Backdate, now + Lifetime);
    }

    private Challenge CreateChallenge(string host, string keyAuthorization)
    {
        var certificate = CreateCertificate(host, keyAuthorization, _timeProvider.GetUtcNow());
        return new Challenge(keyAuthorization, SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true));
    }

    private static string NormalizeOrThrow(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = HostNames.Normalize(host) ?? throw new ArgumentException("The host name is empty.", nameof(host));
        if (name.StartsWith("*.", StringComparison.Ordinal))
        {
            throw new ArgumentException($"TLS-ALPN-01 cannot validate the wildcard '{host}'; use DNS-01.", nameof(host));
        }

        return name;
    }

    private sealed record Challenge(string KeyAuthorization, SslStreamCertificateContext Certificate);
}
