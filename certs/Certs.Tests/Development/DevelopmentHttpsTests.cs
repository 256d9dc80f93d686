using System.Net.Security;
using Microsoft.AspNetCore.Hosting;
using Sintestesia.Certs.Tests.Sni;
using Sintestesia.Certs.Tests.Store;

namespace Sintestesia.Certs.Tests.Development;

public sealed class DevelopmentHttpsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task KestrelServesTheDevelopmentWildcardTrustedThroughTheDevelopmentCa()
    {
        var store = new FileCertificateStore(_directory.Path);
        var development = DevelopmentCertificates.EnsureCreated(store, "sintestesia.test", TimeProvider.System);
        var fallback = TestCertificates.SelfSigned("default", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), "default.invalid");
        var selector = new SniCertificateSelector(TimeProvider.System);
        // Served as after a restart: what the store loads, not the objects just created.
        selector.Update(store.LoadAll().Where(stored => stored.Name != DevelopmentCertificates.AuthorityName), fallback);
        await using var server = await KestrelHttpsServer.StartAsync(listen => listen.UseHttps(https => https.ServerCertificateSelector = selector.SelectCertificate));
        var ca = development.Authority.Certificate;

        var tenant = await TlsProbe.HandshakeAsync(server.Port, "acme.sintestesia.test", ca);
        var deeper = await TlsProbe.HandshakeAsync(server.Port, "a.b.sintestesia.test", ca, acceptUntrusted: true);

        Assert.Equal(SslPolicyErrors.None, tenant.Errors);
        Assert.Equal(development.Leaf.Certificate.Thumbprint, tenant.ServedCertificate.Thumbprint);
        Assert.Equal(fallback.Certificate.Thumbprint, deeper.ServedCertificate.Thumbprint);
        Assert.NotEqual(SslPolicyErrors.None, deeper.Errors);
    }
}
