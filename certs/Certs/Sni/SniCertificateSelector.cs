using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Sintestesia.Certs.Sni;

namespace Sintestesia.Certs;

/// <summary>
/// Chooses the certificate for a TLS handshake from its SNI server name: exact host, then a wildcard of exactly
/// one label (<c>*.sintestesia.cl</c> serves <c>acme.sintestesia.cl</c>, never <c>a.b.sintestesia.cl</c> nor
/// <c>sintestesia.cl</c>), then the default. Names compare case-insensitively, a trailing dot is ignored, and only
/// certificates valid now are chosen, preferring the one that expires last.
/// </summary>
/// <remarks>
/// Prefer <see cref="SelectServerOptionsAsync"/> with Kestrel's <c>TlsHandshakeCallbackOptions</c>: it hands over a
/// <see cref="SslStreamCertificateContext"/> built with the stored intermediates, so the chain is served.
/// <see cref="SelectCertificate"/> fits <see cref="HttpsConnectionAdapterOptions.ServerCertificateSelector"/>, but
/// then Kestrel builds the chain itself and sends only the intermediates it can find in the machine's stores
/// (enough for the development certificate, whose issuer is the root the client trusts).
/// <code>
/// kestrel.ListenAnyIP(443, listen => listen.UseHttps(new TlsHandshakeCallbackOptions
/// {
///     OnConnection = selector.SelectServerOptionsAsync,
/// }));
/// </code>
/// </remarks>
public sealed class SniCertificateSelector
{
    private readonly TimeProvider _timeProvider;
    private CertificateSnapshot _snapshot = CertificateSnapshot.Empty;

    /// <summary>Creates a selector serving nothing until <see cref="Update"/> is called.</summary>
    public SniCertificateSelector(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>Atomically replaces the set of served certificates; handshakes in flight keep the previous set.</summary>
    /// <param name="certificates">Certificates matched by the DNS names in their subject alternative names.</param>
    /// <param name="defaultCertificate">Served when no name matches (and only while it is valid).</param>
    public void Update(IEnumerable<StoredCertificate> certificates, StoredCertificate? defaultCertificate = null)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var snapshot = new CertificateSnapshot(
            certificates.Select(stored => new ServableCertificate(stored)).ToArray(),
            defaultCertificate is null ? null : new ServableCertificate(defaultCertificate));
        Interlocked.Exchange(ref _snapshot, snapshot);
    }

    /// <summary>The certificate to serve for <paramref name="serverName"/>, or <see langword="null"/> if none is valid.</summary>
    public X509Certificate2? Select(string? serverName) => Find(serverName)?.Certificate;

    /// <summary>
    /// Whether a valid certificate names <paramref name="serverName"/> exactly or by a one-label wildcard
    /// (the default certificate does not count).
    /// </summary>
    public bool Covers(string? serverName) => Find(serverName, includeDefault: false) is not null;

    /// <summary>Signature of Kestrel's <see cref="HttpsConnectionAdapterOptions.ServerCertificateSelector"/>.</summary>
    public X509Certificate2? SelectCertificate(ConnectionContext? connection, string? serverName) => Select(serverName);

    /// <summary>The TLS context (certificate and intermediates) for <paramref name="serverName"/>, or <see langword="null"/>.</summary>
    public SslStreamCertificateContext? SelectContext(string? serverName) => Find(serverName)?.Context;

    /// <summary>
    /// Callback for Kestrel's <c>TlsHandshakeCallbackOptions.OnConnection</c>; serves the certificate with its chain.
    /// </summary>
    /// <exception cref="AuthenticationException">No valid certificate exists for the requested name.</exception>
    public ValueTask<SslServerAuthenticationOptions> SelectServerOptionsAsync(TlsHandshakeCallbackContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var serverName = context.ClientHelloInfo.ServerName;
        var certificateContext = SelectContext(serverName)
            ?? throw new AuthenticationException($"No valid certificate for server name '{serverName}'.");
        return ValueTask.FromResult(new SslServerAuthenticationOptions { ServerCertificateContext = certificateContext });
    }

    private ServableCertificate? Find(string? serverName, bool includeDefault = true)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var now = _timeProvider.GetUtcNow();
        var host = HostNames.Normalize(serverName);
        if (host is not null)
        {
            if (snapshot.Exact.TryGetValue(host, out var exact) && LatestValid(exact, now) is { } exactMatch)
            {
                return exactMatch;
            }

            if (HostNames.WildcardParent(host) is { } parent
                && snapshot.Wildcard.TryGetValue(parent, out var wildcard)
                && LatestValid(wildcard, now) is { } wildcardMatch)
            {
                return wildcardMatch;
            }
        }

        return includeDefault && snapshot.Default is { } fallback && fallback.IsValidAt(now) ? fallback : null;
    }

    private static ServableCertificate? LatestValid(ServableCertificate[] candidates, DateTimeOffset now) =>
        candidates.Where(candidate => candidate.IsValidAt(now)).MaxBy(candidate => candidate.Certificate.NotAfter);
}
