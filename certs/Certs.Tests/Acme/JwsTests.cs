using System.Security.Cryptography;
using Sintestesia.Certs.Acme.Internal;

namespace Sintestesia.Certs.Tests.Acme;

public sealed class JwsTests
{
    [Fact]
    public void TheThumbprintHashesTheRequiredMembersInLexicographicOrder()
    {
        using var key = AcmeAccountKey.Generate();
        var p = key.Key.ExportParameters(false);
        var expected = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{Base64Url.Encode(p.Q.X)}\",\"y\":\"{Base64Url.Encode(p.Q.Y)}\"}}";

        Assert.Equal(Base64Url.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(expected))), Jws.Thumbprint(key.Key));
    }

    [Fact]
    public void TheDns01ValueIsTheUnpaddedBase64UrlSha256OfTheKeyAuthorization()
    {
        var value = Jws.Dns01TxtValue("token.thumb");

        Assert.Equal(43, value.Length);
        Assert.DoesNotContain('=', value);
    }
}
