using System.Net.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Sintestesia.Certs.Tests.Sni;

public sealed class KestrelSniTests
{
    [Fact]
    public async Task KestrelServesTheChainWhenSelectingThroughTheTlsHandshakeCallback()
    {
        var root = TestCertificates.Authority("Test Root");
        var intermediate = TestCertificates.Authority("Test Intermediate", root);
        var wildcard = TestCertificates.IssuedBy(intermediate, "*.sintestesia.test");
        var selector = new SniCertificateSelector(TimeProvider.System);
        selector.Update([wildcard]);
        await using var server = await KestrelHttpsServer.StartAsync(listen => listen.UseHttps(new TlsHandshakeCallbackOptions
        {
            OnConnection = selector.SelectServerOptionsAsync,
        }));

        // The client trusts only the root: validation succeeds only if the server sent the intermediate.
        var result = await TlsProbe.HandshakeAsync(server.Port, "acme.sintestesia.test", root);

        Assert.Equal(SslPolicyErrors.None, result.Errors);
        Assert.Equal(wildcard.Certificate.Thumbprint, result.ServedCertificate.Thumbprint);
    }

    [Fact]
    public async Task KestrelServerCertificateSelectorPicksExactWildcardAndDefaultByServerName()
    {
        var wildcard = TestCertificates.SelfSigned("*.sintestesia.test", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var exact = TestCertificates.SelfSigned("acme.sintestesia.test", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var fallback = TestCertificates.SelfSigned("default", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), "default.invalid");
        var selector = new SniCertificateSelector(TimeProvider.System);
        selector.Update([wildcard, exact], fallback);
        await using var server = await KestrelHttpsServer.StartAsync(listen => listen.UseHttps(https => https.ServerCertificateSelector = selector.SelectCertificate));

        var forExact = await TlsProbe.HandshakeAsync(server.Port, "acme.sintestesia.test", exact.Certificate);
        var forWildcard = await TlsProbe.HandshakeAsync(server.Port, "otra.sintestesia.test", wildcard.Certificate);
        var forDeeper = await TlsProbe.HandshakeAsync(server.Port, "a.b.sintestesia.test", wildcard.Certificate, acceptUntrusted: true);

        Assert.Equal(exact.Certificate.Thumbprint, forExact.ServedCertificate.Thumbprint);
        Assert.Equal(SslPolicyErrors.None, forExact.Errors);
        Assert.Equal(wildcard.Certificate.Thumbprint, forWildcard.ServedCertificate.Thumbprint);
        Assert.Equal(SslPolicyErrors.None, forWildcard.Errors);
        Assert.Equal(fallback.Certificate.Thumbprint, forDeeper.ServedCertificate.Thumbprint);
    }

    [Fact]
    public async Task KestrelServerCertificateSelectorAloneDoesNotSendStoredIntermediates()
    {
        // Why SniCertificateSelector documents TlsHandshakeCallbackOptions for CA-issued chains: with
        // ServerCertificateSelector Kestrel builds the chain itself and cannot see the stored intermediates.
        var root = TestCertificates.Authority("Test Root");
        var intermediate = TestCertificates.Authority("Test Intermediate", root);
        var wildcard = TestCertificates.IssuedBy(intermediate, "*.sintestesia.test");
        var selector = new SniCertificateSelector(TimeProvider.System);
        selector.Update([wildcard]);
        await using var server = await KestrelHttpsServer.StartAsync(listen => listen.UseHttps(https => https.ServerCertificateSelector = selector.SelectCertificate));

        var result = await TlsProbe.HandshakeAsync(server.Port, "acme.sintestesia.test", root, acceptUntrusted: true);

        Assert.Equal(wildcard.Certificate.Thumbprint, result.ServedCertificate.Thumbprint);
        Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, result.Errors);
    }
}
