using System.Security.Cryptography.X509Certificates;

namespace Sintestesia.Certs;

/// <summary>A certificate with its private key and the intermediates to serve with it.</summary>
/// <param name="Name">The name it is stored under.</param>
/// <param name="Certificate">The leaf certificate, with private key.</param>
/// <param name="Intermediates">Issuer certificates, nearest issuer first (may be empty).</param>
public sealed record StoredCertificate(string Name, X509Certificate2 Certificate, IReadOnlyList<X509Certificate2> Intermediates);
