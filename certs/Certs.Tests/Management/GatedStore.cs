using System.Security.Cryptography.X509Certificates;

namespace Sintestesia.Certs.Tests.Management;

/// <summary>A store whose reads wait until a gate opens: holds the first order open while more handshakes arrive.</summary>
internal sealed class GatedStore(ICertificateStore inner, CountdownEvent gate) : ICertificateStore
{
    public void Save(string name, X509Certificate2 certificate, IReadOnlyList<X509Certificate2> intermediates) =>
        inner.Save(name, certificate, intermediates);

    public StoredCertificate? TryLoad(string name)
    {
        if (!gate.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("Not every handshake arrived within 30 s.");
        }

        return inner.TryLoad(name);
    }

    public IReadOnlyList<string> List() => inner.List();
}
