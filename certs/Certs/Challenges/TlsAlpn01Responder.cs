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
/// <remarks>Wire it with <see cref="AcmeTlsAlpn.UsePeekedClientHello"/>, <see cref="AcmeTlsAlpn.TryAnswerChallenge"/> and <see cref="AcmeTlsAlpn.UseAcmeTlsAlpnTermination"/>.</remarks>
/// <param name="timeProvider">Sets the challenge certificates' validity; <see cref="TimeProvider.System"/> when omitted.</param>
public sealed class TlsAlpn01Responder(TimeProvider? timeProvider = null)
{
    /// <summary>id-pe-acmeIdentifier (RFC 8737 section 6.1).</summary>
    public const string AcmeIdentifierOid = "1.3.6.1.5.5.7.1.31";

    // The CA connects within seconds of being told to; the hour back covers clock skew.
    private static readonly TimeSpan Backdate = TimeSpan.FromHours(1);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly TimeProvider _timeProvider = timeProvider ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, SslStreamCertificateContext> _challenges = new(StringComparer.Ordinal);

    /// <summary>Serves a challenge certificate for <paramref name="host"/> proving <paramref name="keyAuthorization"/>, replacing any earlier one.</summary>
    /// <param name="host">The DNS identifier being validated; compared case-insensitively, one trailing dot ignored.</param>
    /// <param name="keyAuthorization">The challenge's key authorization (token + "." + account key thumbprint).</param>
    /// <exception cref="ArgumentException">The host is empty or a wildcard (TLS-ALPN-01 cannot prove a wildcard).</exception>
    public void Present(string host, string keyAuthorization)
    {
        ArgumentNullException.ThrowIfNull(keyAuthorization);
        var name = NormalizeOrThrow(host);
        var certificate = CreateCertificate(name, keyAuthorization, _timeProvider.GetUtcNow());
        // Replaced contexts are not disposed: a handshake in flight may still be using them.
        _challenges[name] = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
    }

    /// <summary>Stops serving the challenge certificate for <paramref name="host"/>; nothing happens if none is presented.</summary>
    public void Remove(string host)
    {
        if (HostNames.Normalize(host) is { } name)
        {
            _challenges.TryRemove(name, out _);
        }
    }

    /// <summary>The challenge certificate for <paramref name="host"/>, or <see langword="null"/> when none is presented.</summary>
    public SslStreamCertificateContext? Find(string? host) =>
        HostNames.Normalize(host) is { } name && _challenges.TryGetValue(name, out var context) ? context : null;

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
}
