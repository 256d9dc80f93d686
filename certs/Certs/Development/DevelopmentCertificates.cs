using Sintestesia.Certs.Development;

namespace Sintestesia.Certs;

/// <summary>
/// Makes HTTPS work out of the box in development: on first start creates a local CA (ECDSA P-256, 10 years) and a
/// leaf for <c>*.{baseDomain}</c>, <c>{baseDomain}</c> and <c>localhost</c> (1 year) signed by it, saves both in the
/// store (keys mode 0600), and reuses them on later starts. A leaf that expired is signed again by the same CA.
/// </summary>
public static class DevelopmentCertificates
{
    /// <summary>Store name of the development CA.</summary>
    public const string AuthorityName = "development-ca";

    /// <summary>Loads the development CA and leaf from <paramref name="store"/>, creating whatever is missing or expired.</summary>
    /// <param name="store">The file store they are kept in.</param>
    /// <param name="baseDomain">For example <c>sintestesia.cl</c>.</param>
    /// <param name="timeProvider">The clock deciding validity and the new certificates' dates.</param>
    /// <param name="examplePort">The HTTPS port shown in the curl sentence.</param>
    public static DevelopmentCertificateSet EnsureCreated(FileCertificateStore store, string baseDomain, TimeProvider timeProvider, int examplePort = 8443)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDomain);
        baseDomain = baseDomain.Trim().TrimEnd('.').ToLowerInvariant();
        var leafName = "*." + baseDomain;
        var now = timeProvider.GetUtcNow();
        var created = false;

        var authority = store.TryLoad(AuthorityName);
        if (authority is null || !IsValid(authority, now))
        {
            var certificate = DevelopmentCertificateFactory.CreateAuthority(baseDomain, now);
            store.Save(AuthorityName, certificate, []);
            authority = new StoredCertificate(AuthorityName, certificate, []);
            created = true;
        }

        var leaf = store.TryLoad(leafName);
        if (created || leaf is null || !IsValid(leaf, now) || !IsIssuedBy(leaf, authority))
        {
            var certificate = DevelopmentCertificateFactory.CreateLeaf(authority.Certificate, baseDomain, now);
            store.Save(leafName, certificate, [authority.Certificate]);
            leaf = new StoredCertificate(leafName, certificate, [authority.Certificate]);
            created = true;
        }

        var caPath = store.GetChainPath(AuthorityName);
        var hint = $"Trust the development CA with curl: curl --cacert {caPath} --resolve acme.{baseDomain}:{examplePort}:127.0.0.1 https://acme.{baseDomain}:{examplePort}/";
        return new DevelopmentCertificateSet(authority, leaf, caPath, store.GetChainPath(leafName), store.GetKeyPath(leafName), created, hint);
    }

    private static bool IsValid(StoredCertificate stored, DateTimeOffset now) =>
        stored.Certificate.NotBefore.ToUniversalTime() <= now.UtcDateTime && now.UtcDateTime < stored.Certificate.NotAfter.ToUniversalTime();

    private static bool IsIssuedBy(StoredCertificate leaf, StoredCertificate authority) =>
        leaf.Intermediates.Count > 0 && leaf.Intermediates[0].RawData.AsSpan().SequenceEqual(authority.Certificate.RawData);
}
