using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sintestesia.Certs.Tests.Acme;
using Sintestesia.Certs.Tests.Sni;

namespace Sintestesia.Certs.Tests.Management;

/// <summary>Whatever fails during an order, the gateway keeps running, says why and backs off.</summary>
public sealed class FailureHandlingTests(PebbleFixture pebble) : IClassFixture<PebbleFixture>
{
    [Fact]
    public async Task AStoreThatFailsDuringAnOrderIsReportedAndTheNameBacksOffInsteadOfOrderingOnEveryHandshake()
    {
        using var certificates = new ManagedCertificates(pebble);
        var manager = certificates.Create(wrapStore: store => new FailingStore(store));
        await using var server = await certificates.ServeAsync(manager);
        using var root = await pebble.GetRootAsync();

        await Assert.ThrowsAnyAsync<IOException>(() => TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "acme.sintestesia.cl", root));
        await Assert.ThrowsAnyAsync<IOException>(() => TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "acme.sintestesia.cl", root));

        var status = manager.Status().Single();
        Assert.Equal("missing", status.State);
        Assert.Equal(FailingStore.Failure, status.LastError);
        Assert.NotNull(status.NextAttempt);
        Assert.Equal(1, manager.OrdersPlaced);
    }

    [Fact]
    public async Task TheRenewalServiceKeepsCheckingAfterACheckThrows()
    {
        using var certificates = new ManagedCertificates(pebble);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(5));
        var manager = certificates.Create(clock);
        await using var server = await certificates.ServeAsync(manager);
        using var root = await pebble.GetRootAsync();
        await TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "acme.sintestesia.cl", root);
        // A check throws once the shop policy does (say, the tenant directory is broken).
        var broken = certificates.Create(clock, mayOrderFor: _ => throw new InvalidOperationException("directory broken"));
        using var service = new CertificateRenewalService(broken, new CertificateOptions(), clock, NullLogger<CertificateRenewalService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await Poll.UntilAsync(() => Task.FromResult(service.CompletedChecks >= 1 ? service : null));
        clock.Advance(TimeSpan.FromHours(17));
        await Poll.UntilAsync(() => Task.FromResult(service.CompletedChecks >= 2 ? service : null));
        clock.Advance(TimeSpan.FromHours(2));
        await Poll.UntilAsync(() => Task.FromResult(service.CompletedChecks >= 3 ? service : null));
        await service.StopAsync(CancellationToken.None);

        Assert.NotNull(service.ExecuteTask);
        Assert.True(service.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task TheWeeklyCertificateCapStopsNewShopsButNeverRenewals()
    {
        using var certificates = new ManagedCertificates(pebble);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(5));
        var manager = certificates.Create(clock, o => o.OnDemand.MaxCertificatesPerWeek = 1);
        await using var server = await certificates.ServeAsync(manager);
        using var root = await pebble.GetRootAsync();
        var first = await TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "acme.sintestesia.cl", root);

        await Assert.ThrowsAnyAsync<IOException>(() => TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "bravo.sintestesia.cl", root));
        clock.Advance(TimeSpan.FromHours(17));
        var renewed = await manager.RenewAsync(force: false, CancellationToken.None);

        Assert.Equal(1, renewed);
        Assert.Contains("certificates per week", manager.Status().Single(s => s.Name == "bravo.sintestesia.cl").LastError, StringComparison.Ordinal);
        var served = await TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "acme.sintestesia.cl", root);
        Assert.NotEqual(first.ServedCertificate.SerialNumber, served.ServedCertificate.SerialNumber);
    }

    [Fact]
    public async Task InWildcardModeAHandshakeNeverOrdersAPerHostCertificate()
    {
        using var certificates = new ManagedCertificates(pebble);
        var manager = certificates.Create(configure: o => o.Wildcard = true);
        await using var server = await certificates.ServeAsync(manager);
        using var root = await pebble.GetRootAsync();

        await Assert.ThrowsAnyAsync<IOException>(() => TlsProbe.HandshakeAsync(pebble.TlsChallengePort, "acme.sintestesia.cl", root));

        Assert.Equal(0, manager.OrdersPlaced);
    }
}
