using Sintestesia.Certs.Tests.Acme;
using Sintestesia.Certs.Tests.Challenges;
using Sintestesia.Testing;

namespace Sintestesia.Certs.Tests.Management;

/// <summary>
/// Two gateways behind one load balancer: one places the order on ports pebble never validates, the other listens
/// where pebble validates, so every validation reaches the gateway that did not order.
/// </summary>
public sealed class SharedValidationTests(PebbleFixture pebble) : IClassFixture<PebbleFixture>
{
    [Theory]
    [InlineData(ChallengeTypes.Http01)]
    [InlineData(ChallengeTypes.TlsAlpn01)]
    public async Task AnOrderIsValidatedThroughTheOtherGatewayWhenTheyShareTheirChallenges(string challenge)
    {
        using var certificates = new ManagedCertificates(pebble);
        var shared = new InMemorySharedChallenges();
        var ordering = certificates.Create(configure: o => o.OnDemand.Challenge = challenge, sharedChallenges: shared);
        var validating = certificates.Create(configure: o => o.OnDemand.Challenge = challenge, sharedChallenges: shared);
        await using var orderingServer = await ManagedHttpsServer.StartAsync(ordering, LoopbackPorts.Next(), LoopbackPorts.Next());
        await using var validatingServer = await certificates.ServeAsync(validating);

        var issued = await ordering.IssueAsync("acme.sintestesia.cl", CancellationToken.None);

        Assert.True(issued.State == "valid", issued.LastError);
        Assert.Equal((1, 0), (ordering.OrdersPlaced, validating.OrdersPlaced));
        Assert.True(shared.Lookups > 0);
        Assert.True(shared.IsEmpty);
    }

    [Theory]
    [InlineData(ChallengeTypes.Http01)]
    [InlineData(ChallengeTypes.TlsAlpn01)]
    public async Task WithoutSharedChallengesTheOtherGatewayCannotAnswerAndTheOrderFails(string challenge)
    {
        using var certificates = new ManagedCertificates(pebble);
        var ordering = certificates.Create(configure: o => o.OnDemand.Challenge = challenge);
        var validating = certificates.Create(configure: o => o.OnDemand.Challenge = challenge);
        await using var orderingServer = await ManagedHttpsServer.StartAsync(ordering, LoopbackPorts.Next(), LoopbackPorts.Next());
        await using var validatingServer = await certificates.ServeAsync(validating);

        var status = await ordering.IssueAsync("bravo.sintestesia.cl", CancellationToken.None);

        Assert.Equal("missing", status.State);
        Assert.NotNull(status.LastError);
    }
}
