using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Sintestesia.Certs.Tests.Challenges;

/// <summary>Two responders sharing one store, as two gateways do: each answers what the other presented.</summary>
public sealed class SharedChallengeTests
{
    private const string Host = "acme.sintestesia.cl";
    private const string Token = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";
    private const string KeyAuthorization = Token + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";

    private readonly InMemorySharedChallenges _shared = new();

    [Fact]
    public async Task AnHttp01TokenPresentedByOneResponderIsAnsweredByAnotherUntilItIsCleanedUp()
    {
        var ordering = new Http01Responder(_shared);
        var validating = new Http01Responder(_shared);

        await ordering.PresentAsync(Host, Token, KeyAuthorization, CancellationToken.None);
        var answered = await validating.FindAsync(Token, CancellationToken.None);
        await ordering.CleanupAsync(Host, Token, CancellationToken.None);

        Assert.Equal(KeyAuthorization, answered);
        Assert.Null(validating.Find(Token));
        Assert.Null(await validating.FindAsync(Token, CancellationToken.None));
        Assert.True(_shared.IsEmpty);
    }

    [Fact]
    public async Task AResponderAnswersItsOwnTokenWithoutAskingTheSharedStore()
    {
        var ordering = new Http01Responder(_shared);
        await ordering.PresentAsync(Host, Token, KeyAuthorization, CancellationToken.None);

        Assert.Equal(KeyAuthorization, await ordering.FindAsync(Token, CancellationToken.None));
        Assert.Equal(0, _shared.Lookups);
    }

    [Theory]
    [InlineData("")]
    [InlineData("too-short")]
    [InlineData("evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ/PCt92wr-oA")]
    [InlineData("evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ PCt92wr-oA")]
    [InlineData("evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ.PCt92wr-oA")]
    [InlineData("evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ%2FPCt92wr-o")]
    [InlineData("evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA=")]
    public async Task ATokenThatCannotBeAnAcmeTokenNeverReachesTheSharedStore(string token)
    {
        var validating = new Http01Responder(_shared);

        Assert.Null(await validating.FindAsync(token, CancellationToken.None));
        Assert.Null(await validating.FindAsync(new string('a', ChallengeNames.MaxTokenLength + 1), CancellationToken.None));
        Assert.Equal(0, _shared.Lookups);
    }

    [Fact]
    public async Task ATlsAlpn01ChallengePresentedByOneResponderIsServedByAnotherProvingTheSameKeyAuthorization()
    {
        var ordering = new TlsAlpn01Responder(shared: _shared);
        var validating = new TlsAlpn01Responder(shared: _shared);

        await ordering.PresentAsync("ACME.sintestesia.cl.", KeyAuthorization, CancellationToken.None);
        var served = await validating.FindAsync(Host, CancellationToken.None);
        var again = await validating.FindAsync(Host, CancellationToken.None);

        Assert.NotNull(served);
        Assert.Same(served, again);
        Assert.Equal([Host], served.TargetCertificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
        Assert.Equal([0x04, 0x20, .. SHA256.HashData(Encoding.UTF8.GetBytes(KeyAuthorization))],
            served.TargetCertificate.Extensions[TlsAlpn01Responder.AcmeIdentifierOid]!.RawData);
        await ordering.RemoveAsync(Host, CancellationToken.None);
        Assert.Null(await validating.FindAsync(Host, CancellationToken.None));
    }

    [Theory]
    [InlineData("stranger.example")]
    [InlineData("*.sintestesia.cl")]
    [InlineData("a..sintestesia.cl")]
    [InlineData("-acme.sintestesia.cl")]
    [InlineData("acme_1.sintestesia.cl")]
    [InlineData("")]
    [InlineData(null)]
    public async Task AHostTheFilterRefusesOrThatIsNotAHostNameNeverReachesTheSharedStore(string? host)
    {
        var validating = new TlsAlpn01Responder(shared: _shared, mayLookUpShared: name => name.EndsWith(".sintestesia.cl", StringComparison.Ordinal));

        Assert.Null(await validating.FindAsync(host, CancellationToken.None));
        Assert.Equal(0, _shared.Lookups);
    }

    [Fact]
    public async Task RemovingAnOldChallengeLeavesTheNewerOneAnotherResponderPresentedForTheSameHost()
    {
        var first = new TlsAlpn01Responder(shared: _shared);
        var second = new TlsAlpn01Responder(shared: _shared);
        var third = new TlsAlpn01Responder(shared: _shared);
        await first.PresentAsync(Host, "old.thumbprint", CancellationToken.None);
        await second.PresentAsync(Host, KeyAuthorization, CancellationToken.None);

        await first.RemoveAsync(Host, CancellationToken.None);

        var served = await third.FindAsync(Host, CancellationToken.None);
        Assert.Equal([0x04, 0x20, .. SHA256.HashData(Encoding.UTF8.GetBytes(KeyAuthorization))],
            served!.TargetCertificate.Extensions[TlsAlpn01Responder.AcmeIdentifierOid]!.RawData);
    }
}
