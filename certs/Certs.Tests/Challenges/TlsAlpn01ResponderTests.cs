using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Sintestesia.Certs.Tests.Challenges;

public sealed class TlsAlpn01ResponderTests
{
    private const string KeyAuthorization = "token.thumbprint";

    [Fact]
    public void ChallengeCertificateIsSelfSignedP256ForTheHostWithTheCriticalDigestExtension()
    {
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        using var certificate = TlsAlpn01Responder.CreateCertificate("acme.sintestesia.cl", KeyAuthorization, now);

        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(certificate.SubjectName.RawData, certificate.IssuerName.RawData);
        using var key = certificate.GetECDsaPublicKey();
        Assert.Equal(256, key!.KeySize);
        Assert.Equal(["acme.sintestesia.cl"], certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
        var extension = certificate.Extensions[TlsAlpn01Responder.AcmeIdentifierOid]!;
        Assert.True(extension.Critical);
        Assert.Equal([0x04, 0x20, .. SHA256.HashData(Encoding.UTF8.GetBytes(KeyAuthorization))], extension.RawData);
        Assert.True(certificate.NotBefore.ToUniversalTime() < now.UtcDateTime);
        Assert.True(certificate.NotAfter.ToUniversalTime() <= now.UtcDateTime.AddDays(7));
    }

    [Fact]
    public void HostsMatchCaseInsensitivelyAndIgnoreOneTrailingDot()
    {
        var responder = new TlsAlpn01Responder();

        responder.Present("ACME.Sintestesia.CL.", KeyAuthorization);

        Assert.NotNull(responder.Find("acme.sintestesia.cl"));
        Assert.Null(responder.Find("otro.sintestesia.cl"));
        Assert.Null(responder.Find(null));
        responder.Remove("Acme.Sintestesia.cl");
        Assert.Null(responder.Find("acme.sintestesia.cl"));
    }

    [Fact]
    public void PresentingAgainReplacesTheChallenge()
    {
        var responder = new TlsAlpn01Responder();
        responder.Present("acme.sintestesia.cl", "first.thumbprint");

        responder.Present("acme.sintestesia.cl", KeyAuthorization);

        var served = responder.Find("acme.sintestesia.cl")!.TargetCertificate;
        Assert.Equal([0x04, 0x20, .. SHA256.HashData(Encoding.UTF8.GetBytes(KeyAuthorization))], served.Extensions[TlsAlpn01Responder.AcmeIdentifierOid]!.RawData);
    }

    [Theory]
    [InlineData("*.sintestesia.cl")]
    [InlineData(" ")]
    [InlineData(".")]
    public void WildcardOrEmptyHostIsRefused(string host)
    {
        var responder = new TlsAlpn01Responder();

        Assert.Throws<ArgumentException>(() => responder.Present(host, KeyAuthorization));
    }

    [Theory]
    [InlineData(true, "acme-tls/1")]
    [InlineData(false, "acme-tls/1", "http/1.1")]
    [InlineData(false, "http/1.1")]
    [InlineData(false)]
    public void OnlyAClientOfferingAcmeTlsAloneLooksLikeAValidator(bool expected, params string[] protocols)
    {
        Assert.Equal(expected, new TlsClientHelloFeature("acme.sintestesia.cl", protocols).OffersOnlyAcmeTls);
    }
}
