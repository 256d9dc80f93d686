using System.Security.Cryptography.X509Certificates;
using Sintestesia.Certs.Tests.Sni;
using Sintestesia.Certs.Tests.Store;

namespace Sintestesia.Certs.Tests.Development;

public sealed class DevelopmentCertificatesTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void FirstStartCreatesATenYearCaAndAOneYearWildcardLeafSignedByIt()
    {
        var set = DevelopmentCertificates.EnsureCreated(new FileCertificateStore(_directory.Path), "sintestesia.test", _clock);

        Assert.True(set.Created);
        var ca = set.Authority.Certificate;
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        using (var caKey = ca.GetECDsaPublicKey())
        {
            Assert.Equal(256, caKey?.KeySize);
        }

        Assert.InRange((ca.NotAfter - ca.NotBefore).TotalDays, 3650, 3654);
        var leaf = set.Leaf.Certificate;
        Assert.InRange((leaf.NotAfter - leaf.NotBefore).TotalDays, 365, 367);
        var names = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames();
        Assert.Equal(["*.sintestesia.test", "sintestesia.test", "localhost"], names);
        Assert.Equal(ca.Subject, leaf.Issuer);
        Assert.NotNull(leaf.GetECDsaPrivateKey());
    }

    [Fact]
    public void LaterStartsReuseTheStoredCaAndLeaf()
    {
        var first = DevelopmentCertificates.EnsureCreated(new FileCertificateStore(_directory.Path), "sintestesia.test", _clock);

        var second = DevelopmentCertificates.EnsureCreated(new FileCertificateStore(_directory.Path), "sintestesia.test", _clock);

        Assert.False(second.Created);
        Assert.Equal(first.Authority.Certificate.Thumbprint, second.Authority.Certificate.Thumbprint);
        Assert.Equal(first.Leaf.Certificate.Thumbprint, second.Leaf.Certificate.Thumbprint);
    }

    [Fact]
    public void ExpiredLeafIsSignedAgainByTheSameCa()
    {
        var first = DevelopmentCertificates.EnsureCreated(new FileCertificateStore(_directory.Path), "sintestesia.test", _clock);
        _clock.Now = _clock.Now.AddYears(1).AddDays(1);

        var later = DevelopmentCertificates.EnsureCreated(new FileCertificateStore(_directory.Path), "sintestesia.test", _clock);

        Assert.True(later.Created);
        Assert.Equal(first.Authority.Certificate.Thumbprint, later.Authority.Certificate.Thumbprint);
        Assert.NotEqual(first.Leaf.Certificate.Thumbprint, later.Leaf.Certificate.Thumbprint);
    }

    [Fact]
    public void CaAndLeafKeysAreStoredReadableOnlyByTheOwner()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only.
        }

        var store = new FileCertificateStore(_directory.Path);
        var set = DevelopmentCertificates.EnsureCreated(store, "sintestesia.test", _clock);

        var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(ownerOnly, File.GetUnixFileMode(store.GetKeyPath(DevelopmentCertificates.AuthorityName)));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(set.LeafKeyPath));
    }

    [Fact]
    public void TrustHintTellsHowToPointCurlAtTheCaFile()
    {
        var set = DevelopmentCertificates.EnsureCreated(new FileCertificateStore(_directory.Path), "sintestesia.test", _clock);

        Assert.True(File.Exists(set.AuthorityCertificatePath));
        Assert.Contains($"curl --cacert {set.AuthorityCertificatePath} --resolve acme.sintestesia.test:8443:127.0.0.1 https://acme.sintestesia.test:8443/", set.TrustHint, StringComparison.Ordinal);
    }
}
