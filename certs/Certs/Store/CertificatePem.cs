using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Sintestesia.Certs;

/// <summary>Converts certificates, chains and private keys to and from PEM text, for stores of any kind.</summary>
public static class CertificatePem
{
    /// <summary>The leaf then its intermediates, nearest issuer first, as PEM.</summary>
    public static string EncodeChain(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> intermediates)
    {
        var builder = new StringBuilder();
        foreach (var cert in intermediates.Prepend(certificate))
        {
            builder.Append(PemEncoding.WriteString("CERTIFICATE", cert.RawData)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>The certificate's ECDSA or RSA private key as PKCS#8 PEM; keep it secret.</summary>
    public static string EncodeKey(X509Certificate2 certificate)
    {
        using AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey()
            ?? (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey()
            ?? throw new ArgumentException($"Certificate '{certificate.Subject}' has no ECDSA or RSA private key.", nameof(certificate));
        var pkcs8 = key.ExportPkcs8PrivateKey();
        try
        {
            return PemEncoding.WriteString("PRIVATE KEY", pkcs8) + "\n";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>Parses a chain PEM (leaf first) and a key PEM; throws <see cref="CryptographicException"/> when they do not fit.</summary>
    public static (X509Certificate2 Certificate, IReadOnlyList<X509Certificate2> Intermediates) Decode(string chainPem, string keyPem)
    {
        var all = new X509Certificate2Collection();
        all.ImportFromPem(chainPem);
        if (all.Count == 0)
        {
            throw new CryptographicException("The chain file holds no certificate.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(chainPem, keyPem);
        }
        catch (ArgumentException ex)
        {
            throw new CryptographicException("The private key does not match the certificate, or is not PEM.", ex);
        }

        return (certificate, all.Skip(1).ToArray());
    }
}
