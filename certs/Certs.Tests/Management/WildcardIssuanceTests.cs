using Sintestesia.Certs.Tests.Acme;
using Sintestesia.Certs.Tests.Sni;

namespace Sintestesia.Certs.Tests.Management;

/// <summary>The wildcard mode: <c>*.sintestesia.cl</c> and <c>sintestesia.cl</c> by DNS-01, served to every shop.</summary>
public sealed class WildcardIssuanceTests(PebbleFixture pebble) : IClassFixture<PebbleFixture>
{
    [Fact]
    public async Task TheConfiguredWildcardIsOrderedByDns01AndServesEveryShopButNotDeeperNames()
    {
        using var certificates = new ManagedCertificates(pebble);
        var manager = certificates.Create(configure: o =>
        {
            o.Wildcard = true;
            o.OnDemand.Challenge = "none";
        });
        await using var server = await certificates.ServeAsync(manager);
        using var root = await pebble.GetRootAsync();

        Assert.Equal(1, await manager.RenewAsync(force: false, CancellationToken.None));

        var shop = await TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "a-new-shop.sintestesia.cl", root);
        var apex = await TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "sintestesia.cl", root);
        var deeper = await TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "a.b.sintestesia.cl", root, acceptUntrusted: true);

        Assert.Equal(System.Net.Security.SslPolicyErrors.None, shop.Errors);
        Assert.Equal(System.Net.Security.SslPolicyErrors.None, apex.Errors);
        // The wildcard is also the default certificate, but it does not name a.b.sintestesia.cl.
        Assert.Equal(System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch, deeper.Errors);
        Assert.Equal(["*.sintestesia.cl", "sintestesia.cl"], manager.Status().Single().DnsNames.Order(StringComparer.Ordinal));
        Assert.Equal(0, await manager.RenewAsync(force: false, CancellationToken.None));
    }
}
