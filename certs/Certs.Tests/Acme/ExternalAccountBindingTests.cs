using System.Security.Cryptography;

namespace Sintestesia.Certs.Tests.Acme;

public sealed class ExternalAccountBindingTests(PebbleFixture pebble) : IClassFixture<PebbleFixture>
{
    [Fact]
    public async Task AnAccountBoundWithTheCasMacKeyIsCreated()
    {
        using var key = AcmeAccountKey.Generate();
        var client = new AcmeClient(pebble.Http, pebble.DirectoryUrl, key);

        var account = await client.EnsureAccountAsync(externalAccountBinding: pebble.ExternalAccount);

        Assert.Equal(account, client.AccountUrl);
    }

    [Fact]
    public async Task ABindingWithTheWrongMacKeyIsRefusedWithAProblem()
    {
        using var key = AcmeAccountKey.Generate();
        var client = new AcmeClient(pebble.Http, pebble.DirectoryUrl, key);
        var forged = pebble.ExternalAccount with { MacKey = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)) };

        var error = await Assert.ThrowsAsync<AcmeException>(() => client.EnsureAccountAsync(externalAccountBinding: forged));

        Assert.Equal("urn:ietf:params:acme:error:unauthorized", error.Type);
        Assert.Null(client.AccountUrl);
    }
}
