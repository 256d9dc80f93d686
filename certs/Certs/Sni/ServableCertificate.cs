using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Sintestesia.Certs.Sni;

/// <summary>A certificate prepared for serving: its TLS context carries the intermediates sent in the handshake.</summary>
internal sealed class ServableCertificate(StoredCertificate stored)
{
    private readonly Lazy<SslStreamCertificateContext> _context = new(() =>
        SslStreamCertificateContext.Create(
            stored.Certificate,
            new X509Certificate2Collection(stored.Intermediates.ToArray()),
            offline: true));

    public X509Certificate2 Certificate { get; } = stored.Certificate;

    public SslStreamCertificateContext Context => _context.Value;

    public bool IsValidAt(DateTimeOffset now) =>
        Certificate.NotBefore.ToUniversalTime() <= now.UtcDateTime && now.UtcDateTime < Certificate.NotAfter.ToUniversalTime();
}
