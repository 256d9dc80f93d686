using System.Collections.Frozen;
using System.Security.Cryptography.X509Certificates;

namespace Sintestesia.Certs.Sni;

/// <summary>An immutable index of the certificates being served, replaced as a whole.</summary>
internal sealed class CertificateSnapshot
{
    public static readonly CertificateSnapshot Empty = new([], null);

    public CertificateSnapshot(IEnumerable<ServableCertificate> certificates, ServableCertificate? defaultCertificate)
    {
        var exact = new Dictionary<string, List<ServableCertificate>>(StringComparer.Ordinal);
        var wildcard = new Dictionary<string, List<ServableCertificate>>(StringComparer.Ordinal);
        foreach (var certificate in certificates)
        {
            foreach (var dnsName in DnsNames(certificate.Certificate))
            {
                var name = HostNames.Normalize(dnsName);
                if (name is null)
                {
                    continue;
                }

                var (index, key) = name.StartsWith("*.", StringComparison.Ordinal) ? (wildcard, name[2..]) : (exact, name);
                if (!index.TryGetValue(key, out var list))
                {
                    index[key] = list = [];
                }

                list.Add(certificate);
            }
        }

        Exact = exact.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
        Wildcard = wildcard.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
        Default = defaultCertificate;
    }

    public FrozenDictionary<string, ServableCertificate[]> Exact { get; }

    public FrozenDictionary<string, ServableCertificate[]> Wildcard { get; }

    public ServableCertificate? Default { get; }

    private static IEnumerable<string> DnsNames(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(san => san.EnumerateDnsNames());
}
