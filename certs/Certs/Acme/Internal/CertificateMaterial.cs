using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sintestesia.Certs.Acme.Internal;

/// <summary>The CSR sent to finalize an order and the PEM chain that comes back.</summary>
internal static class CertificateMaterial
{
    public static byte[] CreateCsr(ECDsa key, IReadOnlyList<string> names)
    {
        // The common name is informational; a name without "*." reads better in tools.
        var commonName = names.FirstOrDefault(n => !n.StartsWith("*.", StringComparison.Ordinal)) ?? names[0];
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + commonName), key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        return request.CreateSigningRequest();
    }

    public static IssuedCertificate FromPemChain(string pem, ECDsa key)
    {
        var all = new X509Certificate2Collection();
        all.ImportFromPem(pem);
        if (all.Count == 0)
        {
            throw new AcmeException("The ACME server sent a certificate chain without certificates.");
        }

        var leaf = all[0].CopyWithPrivateKey(key);
        var chain = new X509Certificate2Collection();
        for (var i = 1; i < all.Count; i++)
        {
            chain.Add(all[i]);
        }

        all[0].Dispose();
        return new IssuedCertificate(leaf, chain, pem);
    }
}
