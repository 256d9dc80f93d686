using System.Security.Cryptography.X509Certificates;
using Sintestesia.Certs.Tests.Acme;
using Sintestesia.Certs.Tests.Sni;

namespace Sintestesia.Certs.Tests.Management;

/// <summary>Per-host certificates ordered by HTTP-01 on a shop's first TLS handshake, against pebble.</summary>
public sealed class OnDemandIssuanceTests(PebbleFixture pebble) : IClassFixture<PebbleFixture>
{
    [Fact]
    public async Task AShopsFirstHandshakeOrdersItsCertificateAndGetsItWithAChainToPebblesRoot()
    {
        using var certificates = new ManagedCertificates(pebble);
        var manager = certificates.Create();
        await using var server = await certificates.ServeAsync(manager);
        using var root = await pebble.GetRootAsync();

        var probe = await TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "acme.sintestesia.cl", root);

        Assert.Equal(System.Net.Security.SslPolicyErrors.None, probe.Errors);
        Assert.True(probe.ServedCertificate.MatchesHostname("acme.sintestesia.cl"));
        Assert.Equal(1, manager.OrdersPlaced);
        Assert.Equal("valid", Assert.Single(manager.Status()).State);
        Assert.True(File.Exists(Path.Combine(certificates.StoreDirectory, "acme.sintestesia.cl.chain.pem")));
    }

    [Fact]
    public async Task ConcurrentFirstHandshakesForOneHostPlaceASingleOrder()
    {
        const int Handshakes = 6;
        using var certificates = new ManagedCertificates(pebble);
        // The first order is held until every handshake has asked for the host, so all six overlap for certain.
        using var arrived = new CountdownEvent(Handshakes);
        var manager = certificates.Create(
            mayOrderFor: host =>
            {
                arrived.Signal();
                return ManagedCertificates.Shops.Contains(host);
            },
            wrapStore: store => new GatedStore(store, arrived));
        await using var server = await certificates.ServeAsync(manager);
        using var root = await pebble.GetRootAsync();

        var probes = await Task.WhenAll(Enumerable.Range(0, Handshakes).Select(_ => TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "bravo.sintestesia.cl", root)));

        Assert.Equal(1, manager.OrdersPlaced);
        Assert.Single(probes.Select(p => p.ServedCertificate.SerialNumber).Distinct());
    }

    [Fact]
    public async Task AHostThatIsNotAShopNeverCausesAnOrder()
    {
        using var certificates = new ManagedCertificates(pebble);
        var manager = certificates.Create();
        await using var server = await certificates.ServeAsync(manager);
        using var root = await pebble.GetRootAsync();

        await Assert.ThrowsAnyAsync<IOException>(() => TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "stranger.sintestesia.cl", root));
        await Assert.ThrowsAnyAsync<IOException>(() => TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "acme.sintestesia.cl.evil.example", root));
        await Assert.ThrowsAnyAsync<IOException>(() => TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "deep.acme.sintestesia.cl", root));

        Assert.Equal(0, manager.OrdersPlaced);
        Assert.Empty(manager.Status());
        Assert.Empty(Directory.GetFiles(certificates.StoreDirectory, "*.chain.pem"));
    }

    [Fact]
    public async Task OrdersStopAtTheAccountWideCapAndStatusSaysWhy()
    {
        using var certificates = new ManagedCertificates(pebble);
        var manager = certificates.Create(configure: o => o.OnDemand.MaxOrders = 1);
        await using var server = await certificates.ServeAsync(manager);
        using var root = await pebble.GetRootAsync();

        await TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "acme.sintestesia.cl", root);
        await Assert.ThrowsAnyAsync<IOException>(() => TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "bravo.sintestesia.cl", root));

        Assert.Equal(1, manager.OrdersPlaced);
        var refused = manager.Status().Single(s => s.Name == "bravo.sintestesia.cl");
        Assert.Equal("missing", refused.State);
        Assert.Contains("cap of 1 orders", refused.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARestartServesTheStoredCertificateWithoutANewOrder()
    {
        using var certificates = new ManagedCertificates(pebble);
        using var root = await pebble.GetRootAsync();
        X509Certificate2 first;
        await using (var server = await certificates.ServeAsync(certificates.Create()))
        {
            first = (await TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "mundo-canino.sintestesia.cl", root)).ServedCertificate;
        }

        var restarted = certificates.Create();
        await using var again = await certificates.ServeAsync(restarted);
        var served = (await TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "mundo-canino.sintestesia.cl", root)).ServedCertificate;

        Assert.Equal(first.SerialNumber, served.SerialNumber);
        Assert.Equal(0, restarted.OrdersPlaced);
    }

    [Fact]
    public async Task AGatewaySharingTheStoreServesTheCertificateAnotherOneOrderedWithoutOrderingAgain()
    {
        using var certificates = new ManagedCertificates(pebble);
        using var root = await pebble.GetRootAsync();
        var first = certificates.Create();
        var second = certificates.Create();
        string orderedSerial;
        await using (var server = await certificates.ServeAsync(first))
        {
            orderedSerial = (await TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "acme.sintestesia.cl", root)).ServedCertificate.SerialNumber;
        }

        await using var other = await certificates.ServeAsync(second);
        var served = await TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "acme.sintestesia.cl", root);

        Assert.Equal(orderedSerial, served.ServedCertificate.SerialNumber);
        Assert.Equal(0, second.OrdersPlaced);
    }
}
