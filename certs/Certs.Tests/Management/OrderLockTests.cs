using Sintestesia.Certs.Tests.Acme;
using Sintestesia.Certs.Tests.Sni;
using Sintestesia.Testing;

namespace Sintestesia.Certs.Tests.Management;

/// <summary>Gateways sharing a store: while one orders a name, another waits for that certificate instead of ordering.</summary>
public sealed class OrderLockTests(PebbleFixture pebble) : IClassFixture<PebbleFixture>
{
    [Fact]
    public async Task AGatewayThatFindsTheNameLockedServesTheOtherGatewaysCertificateWithoutOrdering()
    {
        using var certificates = new ManagedCertificates(pebble);
        using var root = await pebble.GetRootAsync();
        var ordering = certificates.Create();
        var waiting = certificates.Create(orderLock: new HeldElsewhere());
        await using var orderingServer = await certificates.ServeAsync(ordering);
        var waitingPort = LoopbackPorts.Next();
        await using var waitingServer = await ManagedHttpsServer.StartAsync(waiting, LoopbackPorts.Next(), waitingPort);

        var handshake = TlsProbe.HandshakeAsync(waitingPort, "acme.sintestesia.cl", root);
        var issued = await ordering.IssueAsync("acme.sintestesia.cl", CancellationToken.None);
        var served = await handshake;

        Assert.Equal("valid", issued.State);
        Assert.True(served.ServedCertificate.MatchesHostname("acme.sintestesia.cl"));
        Assert.Equal(1, ordering.OrdersPlaced);
        Assert.Equal(0, waiting.OrdersPlaced);
    }

    /// <summary>Another gateway holds every name for as long as this one looks (the real lock is PostgreSQL's, tested in tenant-config).</summary>
    private sealed class HeldElsewhere : IOrderLock
    {
        public Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult<IAsyncDisposable?>(null);
    }
}
