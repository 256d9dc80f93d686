namespace Sintestesia.Certs.Tests.Sni;

public sealed class SniCertificateSelectorTests
{
    private static readonly DateTimeOffset Now = TestCertificates.Now;
    private readonly ManualTimeProvider _clock = new(Now);
    private readonly StoredCertificate _wildcard = TestCertificates.SelfSigned("*.sintestesia.cl");
    private readonly StoredCertificate _exact = TestCertificates.SelfSigned("acme.sintestesia.cl");
    private readonly StoredCertificate _fallback = TestCertificates.SelfSigned("default", dnsNames: "default.invalid");

    private SniCertificateSelector Selector(params StoredCertificate[] certificates)
    {
        var selector = new SniCertificateSelector(_clock);
        selector.Update(certificates, _fallback);
        return selector;
    }

    [Fact]
    public void ExactHostBeatsTheWildcard() =>
        Assert.Same(_exact.Certificate, Selector(_wildcard, _exact).Select("acme.sintestesia.cl"));

    [Fact]
    public void WildcardServesAHostOneLabelBelowIt() =>
        Assert.Same(_wildcard.Certificate, Selector(_wildcard, _exact).Select("panaderia.sintestesia.cl"));

    [Theory]
    [InlineData("a.b.sintestesia.cl")]
    [InlineData("sintestesia.cl")]
    [InlineData("evil-sintestesia.cl")]
    [InlineData("sintestesia.cl.evil.com")]
    public void WildcardNeverServesOtherDepthsOrLookalikes(string host) =>
        Assert.Same(_fallback.Certificate, Selector(_wildcard).Select(host));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("otro.example.com")]
    public void UnknownOrMissingNameGetsTheDefault(string? host) =>
        Assert.Same(_fallback.Certificate, Selector(_wildcard, _exact).Select(host));

    [Theory]
    [InlineData("ACME.Sintestesia.CL")]
    [InlineData("acme.sintestesia.cl.")]
    public void NamesCompareCaseInsensitivelyAndIgnoreATrailingDot(string host) =>
        Assert.Same(_exact.Certificate, Selector(_wildcard, _exact).Select(host));

    [Fact]
    public void ExpiredExactCertificateFallsBackToTheWildcard()
    {
        var expired = TestCertificates.SelfSigned("acme.sintestesia.cl", Now.AddDays(-90), Now.AddSeconds(-1));

        Assert.Same(_wildcard.Certificate, Selector(_wildcard, expired).Select("acme.sintestesia.cl"));
    }

    [Fact]
    public void CertificateNotYetValidIsNotChosen()
    {
        var future = TestCertificates.SelfSigned("acme.sintestesia.cl", Now.AddMinutes(1), Now.AddDays(90));

        Assert.Same(_wildcard.Certificate, Selector(_wildcard, future).Select("acme.sintestesia.cl"));
    }

    [Fact]
    public void CertificateIsNotChosenFromTheMomentItExpires()
    {
        var selector = Selector(_wildcard, _exact);

        _clock.Now = new DateTimeOffset(_exact.Certificate.NotAfter.ToUniversalTime());

        Assert.Null(selector.Select("acme.sintestesia.cl"));
    }

    [Fact]
    public void AmongValidCertificatesTheOneExpiringLastIsServed()
    {
        var sooner = TestCertificates.SelfSigned("acme.sintestesia.cl", Now.AddDays(-60), Now.AddDays(10));
        var later = TestCertificates.SelfSigned("acme.sintestesia.cl", Now.AddDays(-1), Now.AddDays(89));
        var expiredButLongest = TestCertificates.SelfSigned("acme.sintestesia.cl", Now.AddDays(-400), Now.AddDays(-1));

        Assert.Same(later.Certificate, Selector(sooner, later, expiredButLongest).Select("acme.sintestesia.cl"));
    }

    [Fact]
    public void UpdateSwapsTheWholeSetAtOnce()
    {
        var selector = Selector(_exact);
        var renewed = TestCertificates.SelfSigned("acme.sintestesia.cl", Now, Now.AddDays(90));

        selector.Update([renewed]);

        Assert.Same(renewed.Certificate, selector.Select("acme.sintestesia.cl"));
        Assert.Null(selector.Select("otro.example.com"));
    }

    [Fact]
    public void KestrelSelectorAndTlsContextAgreeWithSelect()
    {
        var selector = Selector(_wildcard);

        Assert.Same(_wildcard.Certificate, selector.SelectCertificate(null, "x.sintestesia.cl"));
        Assert.Same(_wildcard.Certificate, selector.SelectContext("x.sintestesia.cl")!.TargetCertificate);
    }
}
