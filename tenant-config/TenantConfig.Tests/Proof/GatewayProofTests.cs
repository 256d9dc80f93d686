using System.Globalization;
using Sintestesia.TenantConfig.Proof;

namespace Sintestesia.TenantConfig.Tests.Proof;

public sealed class GatewayProofTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly GatewayProof Proof = new(new ProofOptions { Secret = "gateway-and-bot-hosts-share-this-secret" });

    private static readonly ForwardedRequest Request = new(
        "acme-cannabis-2024", "slug", "POST", "/bot/twilio/webhook", "https://acme.sintestesia.cl/bot/twilio/webhook");

    public static TheoryData<ForwardedRequest> OtherRequests =>
    [
        Request with { TenantId = "bravo-gaming-2024" },
        Request with { ResolvedBy = "name" },
        Request with { Method = "GET" },
        Request with { Path = "/bot/meta/webhook" },
        Request with { Path = "/bot/twilio/webhook/" },
        Request with { PublicUrl = "https://bravo.sintestesia.cl/bot/twilio/webhook" },
    ];

    [Fact]
    public void ProofVerifiesForTheRequestItWasMadeFor()
    {
        var (timestamp, proof) = Sign(Now);

        Assert.Equal(ProofCheck.Valid, Proof.Verify(Request, timestamp, proof, Now));
        Assert.Equal(ProofCheck.Valid, Proof.Verify(Request with { Method = "post" }, timestamp, proof, Now.AddSeconds(30)));
    }

    [Theory]
    [MemberData(nameof(OtherRequests))]
    public void ProofForAnotherTenantPathOrMethodIsInvalid(ForwardedRequest other)
    {
        var (timestamp, proof) = Sign(Now);

        Assert.Equal(ProofCheck.Invalid, Proof.Verify(other, timestamp, proof, Now));
    }

    [Fact]
    public void ProofMadeWithAnotherSecretIsInvalid()
    {
        var other = new GatewayProof(new ProofOptions { Secret = "a-different-secret-of-32-characters!" });
        var seconds = Now.ToUnixTimeSeconds();

        var proof = other.Sign(Request, seconds);

        Assert.Equal(ProofCheck.Invalid, Proof.Verify(Request, seconds.ToString(CultureInfo.InvariantCulture), proof, Now));
    }

    [Theory]
    [InlineData(-61)]
    [InlineData(61)]
    [InlineData(-86_400)]
    public void ProofOutsideTheClockSkewIsExpired(int secondsFromNow)
    {
        var (timestamp, proof) = Sign(Now.AddSeconds(secondsFromNow));

        Assert.Equal(ProofCheck.Expired, Proof.Verify(Request, timestamp, proof, Now));
    }

    [Theory]
    [InlineData("", "1718452800", "proof")]
    [InlineData("acme-cannabis-2024", null, "proof")]
    [InlineData("acme-cannabis-2024", "1718452800", null)]
    [InlineData("acme-cannabis-2024", "1718452800", "")]
    [InlineData("acme-cannabis-2024", "-5", "proof")]
    [InlineData("acme-cannabis-2024", "soon", "proof")]
    public void AbsentPartsAreMissing(string tenantId, string? timestamp, string? proof)
    {
        Assert.Equal(ProofCheck.Missing, Proof.Verify(Request with { TenantId = tenantId }, timestamp, proof, Now));
    }

    [Fact]
    public void GarbageProofIsInvalid()
    {
        var timestamp = Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        Assert.Equal(ProofCheck.Invalid, Proof.Verify(Request, timestamp, "not-base64-at-all", Now));
        Assert.Equal(ProofCheck.Invalid, Proof.Verify(Request, timestamp, Convert.ToBase64String(new byte[32]), Now));
    }

    private static (string Timestamp, string Proof) Sign(DateTimeOffset at)
    {
        var seconds = at.ToUnixTimeSeconds();
        return (seconds.ToString(CultureInfo.InvariantCulture), Proof.Sign(Request, seconds));
    }
}
