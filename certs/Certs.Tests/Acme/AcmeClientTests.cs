using System.Security.Cryptography.X509Certificates;

namespace Sintestesia.Certs.Tests.Acme;

public sealed class AcmeClientTests(PebbleFixture pebble) : IClassFixture<PebbleFixture>
{
    private static readonly string[] SintestesiaNames = ["*.sintestesia.test", "sintestesia.test"];

    private ChallTestSrvDnsProvider Dns => new(pebble.Http, pebble.ChallTestSrvUrl);

    [Fact]
    public async Task WildcardAndApexAreIssuedByDns01AndChainToPebblesRoot()
    {
        using var key = AcmeAccountKey.Generate();
        var client = new AcmeClient(pebble.Http, pebble.DirectoryUrl, key);

        var issued = await client.OrderCertificateAsync(SintestesiaNames, Dns);

        using var leaf = issued.Certificate;
        using (var privateKey = leaf.GetECDsaPrivateKey())
        {
            Assert.NotNull(privateKey);
            var data = "tls"u8.ToArray();
            Assert.True(leaf.GetECDsaPublicKey()!.VerifyData(data, privateKey.SignData(data, System.Security.Cryptography.HashAlgorithmName.SHA256), System.Security.Cryptography.HashAlgorithmName.SHA256));
        }

        var san = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(SintestesiaNames.Order(), san.EnumerateDnsNames().Order());

        using var root = await pebble.GetRootAsync();
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.AddRange(issued.Chain);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(leaf), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public async Task AStoredAccountKeyReusesTheSameAccountForTheNextOrder()
    {
        using var key = AcmeAccountKey.Generate();
        var first = new AcmeClient(pebble.Http, pebble.DirectoryUrl, key);
        var firstAccount = await first.EnsureAccountAsync(["mailto:ops@sintestesia.test"]);
        var stored = key.ExportPkcs8();

        using var restored = AcmeAccountKey.ImportPkcs8(stored);
        var second = new AcmeClient(pebble.Http, pebble.DirectoryUrl, restored);
        var issued = await second.OrderCertificateAsync(["reuse.sintestesia.test"], Dns);
        issued.Certificate.Dispose();

        Assert.Equal(firstAccount, second.AccountUrl);
    }

    [Fact]
    public async Task AJwkExportedKeyImportsToTheSameAccount()
    {
        using var key = AcmeAccountKey.Generate();
        var firstAccount = await new AcmeClient(pebble.Http, pebble.DirectoryUrl, key).EnsureAccountAsync();

        using var restored = AcmeAccountKey.ImportJwk(key.ExportJwk());
        var secondAccount = await new AcmeClient(pebble.Http, pebble.DirectoryUrl, restored).EnsureAccountAsync();

        Assert.Equal(firstAccount, secondAccount);
    }

    [Fact]
    public async Task OrdersSucceedWhileTheServerRejectsManyNonces()
    {
        Assert.True(pebble.NonceRejectPercent >= 30);
        using var key = AcmeAccountKey.Generate();
        var client = new AcmeClient(pebble.Http, pebble.DirectoryUrl, key);

        // A handful of orders makes a badNonce all but certain at a 30% rejection rate.
        for (var i = 0; i < 4 && client.BadNonceRetries == 0; i++)
        {
            var issued = await client.OrderCertificateAsync([$"nonce{i}.sintestesia.test"], Dns);
            issued.Certificate.Dispose();
        }

        Assert.True(client.BadNonceRetries > 0, "pebble never rejected a nonce, so the retry path was not exercised.");
    }

    [Fact]
    public async Task AProblemDocumentSurfacesAsAnAcmeExceptionWithItsType()
    {
        using var key = AcmeAccountKey.Generate();
        var client = new AcmeClient(pebble.Http, pebble.DirectoryUrl, key);

        var error = await Assert.ThrowsAsync<AcmeException>(() => client.OrderCertificateAsync(["not a valid name!"], Dns));

        Assert.Equal("urn:ietf:params:acme:error:malformed", error.Type);
        Assert.Equal(400, error.Status);
        Assert.Contains(error.Type, error.Message, StringComparison.Ordinal);
    }
}
