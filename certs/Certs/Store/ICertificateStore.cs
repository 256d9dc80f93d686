using System.Security.Cryptography.X509Certificates;

namespace Sintestesia.Certs;

/// <summary>Persists certificates with their private key and issuer chain, one entry per name.</summary>
public interface ICertificateStore
{
    /// <summary>Saves (or atomically replaces) the certificate stored under <paramref name="name"/>.</summary>
    /// <param name="name">A host name such as <c>acme.sintestesia.cl</c> or <c>*.sintestesia.cl</c>, or a plain label.</param>
    /// <param name="certificate">The leaf certificate; it must carry its private key.</param>
    /// <param name="intermediates">Issuer certificates served after the leaf, nearest issuer first.</param>
    void Save(string name, X509Certificate2 certificate, IReadOnlyList<X509Certificate2> intermediates);

    /// <summary>Loads the certificate stored under <paramref name="name"/>, or <see langword="null"/> if there is none.</summary>
    /// <exception cref="InvalidDataException">The stored files exist but cannot be read as a certificate and matching key.</exception>
    StoredCertificate? TryLoad(string name);

    /// <summary>Lists the names of all stored certificates.</summary>
    IReadOnlyList<string> List();
}
