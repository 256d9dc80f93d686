using System.Security.Cryptography.X509Certificates;

namespace Sintestesia.Certs.Tests.Management;

/// <summary>A store whose writes fail like a database that went away, while reads still work.</summary>
internal sealed class FailingStore(ICertificateStore inner) : ICertificateStore
{
    public const string Failure = "the certificate database is unavailable";

    public void Save(string name, X509Certificate2 certificate, IReadOnlyList<X509Certificate2> intermediates) =>
        throw new InvalidOperationException(Failure);

    public StoredCertificate? TryLoad(string name) => inner.TryLoad(name);

    public IReadOnlyList<string> List() => inner.List();
}
