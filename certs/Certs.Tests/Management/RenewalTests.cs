using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sintestesia.Certs.Tests.Acme;
using Sintestesia.Certs.Tests.Sni;
using Sintestesia.Testing;

namespace Sintestesia.Certs.Tests.Management;

/// <summary>Renewal at a third of the lifetime left, with pebble's one-day certificates and a clock the test moves.</summary>
public sealed class RenewalTests(PebbleFixture pebble) : IClassFixture<PebbleFixture>
{
    // Ahead of the wall clock, so certificates pebble issues during the test are already valid on this clock.
    private static FakeTimeProvider Clock() => new(DateTimeOffset.UtcNow.AddMinutes(5));

    [Fact]
    public async Task TheRenewalServiceReplacesACertificateOnceTwoThirdsOfItsLifetimeHavePassed()
    {
        using var certificates = new ManagedCertificates(pebble);
        var clock = Clock();
        var manager = certificates.Create(clock);
        await using var server = await certificates.ServeAsync(manager);
        using var root = await pebble.GetRootAsync();
        var original = (await TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "acme.sintestesia.cl", root)).ServedCertificate;
        using var service = new CertificateRenewalService(manager, new CertificateOptions(), clock, NullLogger<CertificateRenewalService>.Instance);
        await service.StartAsync(CancellationToken.None);
        await ChecksAsync(service, 1);

        clock.Advance(TimeSpan.FromHours(12));
        await ChecksAsync(service, 2);
        Assert.Equal("valid", manager.Status().Single().State);
        Assert.Equal(1, manager.OrdersPlaced);

        clock.Advance(TimeSpan.FromHours(5));
        await ChecksAsync(service, 3);
        var renewed = (await TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "acme.sintestesia.cl", root)).ServedCertificate;
        await service.StopAsync(CancellationToken.None);

        Assert.NotEqual(original.SerialNumber, renewed.SerialNumber);
        Assert.True(renewed.NotAfter >= original.NotAfter);
        // One order at the first handshake, one renewal; the service then sleeps until the next check.
        Assert.Equal(2, manager.OrdersPlaced);
    }

    [Fact]
    public async Task AFailedRenewalKeepsServingTheCurrentCertificateAndSaysWhy()
    {
        using var certificates = new ManagedCertificates(pebble);
        using var root = await pebble.GetRootAsync();
        string originalSerial;
        await using (var server = await certificates.ServeAsync(certificates.Create()))
        {
            originalSerial = (await TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "acme.sintestesia.cl", root)).ServedCertificate.SerialNumber;
        }

        var clock = Clock();
        var unreachable = $"https://127.0.0.1:{LoopbackPorts.Next()}/dir";
        var manager = certificates.Create(clock, o => o.Acme.DirectoryUrl = unreachable);
        await using var restarted = await certificates.ServeAsync(manager);
        clock.Advance(TimeSpan.FromHours(17));

        Assert.Equal(0, await manager.RenewAsync(force: false, CancellationToken.None));
        Assert.Equal(0, await manager.RenewAsync(force: false, CancellationToken.None));

        var status = manager.Status().Single();
        Assert.Equal("renewal_due", status.State);
        Assert.NotNull(status.LastError);
        Assert.Equal(clock.GetUtcNow().AddSeconds(60), status.NextAttempt);
        // The second check fell inside the back-off, so only one order was tried.
        Assert.Equal(1, manager.OrdersPlaced);
        var served = await TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "acme.sintestesia.cl", root);
        Assert.Equal(originalSerial, served.ServedCertificate.SerialNumber);
    }

    [Fact]
    public async Task TheCertificateOfAShopThatIsGoneIsNotRenewed()
    {
        using var certificates = new ManagedCertificates(pebble);
        var shops = new HashSet<string>(ManagedCertificates.Shops);
        var clock = Clock();
        var manager = certificates.Create(clock, mayOrderFor: shops.Contains);
        await using var server = await certificates.ServeAsync(manager);
        using var root = await pebble.GetRootAsync();
        await TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "bravo.sintestesia.cl", root);

        shops.Remove("bravo.sintestesia.cl");
        clock.Advance(TimeSpan.FromHours(17));

        Assert.Equal(0, await manager.RenewAsync(force: false, CancellationToken.None));
        Assert.Equal(1, manager.OrdersPlaced);
        Assert.Equal("renewal_due", manager.Status().Single().State);
    }

    private static Task<CertificateRenewalService> ChecksAsync(CertificateRenewalService service, int count) =>
        Poll.UntilAsync(() => Task.FromResult(service.CompletedChecks >= count ? service : null));
}
