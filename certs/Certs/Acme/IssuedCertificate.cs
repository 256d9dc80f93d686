using System.Security.Cryptography.X509Certificates;

namespace Sintestesia.Certs;

/// <summary>A certificate issued by an ACME server, with its private key and the rest of the chain.</summary>
/// <param name="Certificate">The leaf certificate, carrying its private key.</param>
/// <param name="Chain">The issuer certificates that followed the leaf in the PEM chain, nearest issuer first.</param>
/// <param name="PemChain">The chain exactly as downloaded.</param>
public sealed record IssuedCertificate(X509Certificate2 Certificate, X509Certificate2Collection Chain, string PemChain);
