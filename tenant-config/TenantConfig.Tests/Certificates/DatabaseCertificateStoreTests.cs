using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Sintestesia.TenantConfig.Certificates;
using Sintestesia.TenantConfig.Secrets;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.Certificates;

/// <summary>Each test gets a fresh migrated SQLite file; the certificates are a real root → intermediate → leaf chain.</summary>
public abstract class DatabaseCertificateStoreTests : IAsyncLifetime, IDisposable
{
    private const string Acme = "acme.sintestesia.cl";
    private const string Wildcard = "*.sintestesia.cl";

    private readonly TestDatabase _database;
    private readonly SecretOptions _key = new() { Key = TestKeys.NewKey() };
    private readonly X509Certificate2 _root = Authority("Test Root");
    private readonly X509Certificate2 _intermediate;
    private DatabaseCertificateStore _store = null!;

    protected DatabaseCertificateStoreTests(TestDatabase database)
    {
        _database = database;
        _intermediate = Authority("Test Intermediate", _root);
    }

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _store = NewStore();
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    public void Dispose()
    {
        _intermediate.Dispose();
        _root.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void SavedCertificateLoadsWithItsPrivateKeyAndIntermediatesInOrder()
    {
        using var leaf = Leaf(Acme);
        _store.Save(Acme, leaf, [_intermediate, _root]);

        var loaded = _store.TryLoad(Acme);

        Assert.NotNull(loaded);
        Assert.Equal(Acme, loaded.Name);
        Assert.True(loaded.Certificate.HasPrivateKey);
        Assert.Equal(leaf.Thumbprint, loaded.Certificate.Thumbprint);
        Assert.Equal([_intermediate.Thumbprint, _root.Thumbprint], loaded.Intermediates.Select(c => c.Thumbprint));
        var data = Encoding.UTF8.GetBytes("hola");
        using var privateKey = loaded.Certificate.GetECDsaPrivateKey()!;
        using var publicKey = leaf.GetECDsaPublicKey()!;
        Assert.True(publicKey.VerifyData(data, privateKey.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
    }

    [Fact]
    public async Task LoadedCertificateServesTlsWithItsIntermediate()
    {
        using var leaf = Leaf(Acme);
        _store.Save(Acme, leaf, [_intermediate]);
        var loaded = _store.TryLoad(Acme)!;

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var context = SslStreamCertificateContext.Create(loaded.Certificate, [.. loaded.Intermediates], offline: true);
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync();
            await using var tls = new SslStream(socket.GetStream());
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = context });
        });

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        string? served = null;
        string[] sentIssuers = [];
        await using (var tls = new SslStream(client.GetStream(), false, (_, certificate, chain, _) =>
        {
            served = certificate?.GetCertHashString();
            sentIssuers = [.. chain!.ChainPolicy.ExtraStore.Select(c => c.Thumbprint)];
            return true;
        }))
        {
            await tls.AuthenticateAsClientAsync(Acme);
        }

        await server;
        Assert.Equal(leaf.Thumbprint, served);
        Assert.Contains(_intermediate.Thumbprint, sentIssuers);
    }

    [Fact]
    public async Task SavingAgainReplacesTheRowAndServesTheNewerCertificate()
    {
        using var first = Leaf(Acme);
        using var second = Leaf(Acme);
        _store.Save(Acme, first, [_intermediate]);

        _store.Save(Acme, second, []);

        Assert.Equal(1L, Convert.ToInt64(await _database.ScalarAsync("SELECT COUNT(*) FROM certificates"), CultureInfo.InvariantCulture));
        var loaded = _store.TryLoad(Acme)!;
        Assert.Equal(second.Thumbprint, loaded.Certificate.Thumbprint);
        Assert.Empty(loaded.Intermediates);
    }

    [Fact]
    public void ListReturnsTheStoredNamesNormalizedAndSorted()
    {
        using var acme = Leaf(Acme);
        using var wildcard = Leaf(Wildcard);
        _store.Save("Acme.Sintestesia.CL.", acme, [_intermediate]);
        _store.Save(Wildcard, wildcard, [_intermediate]);

        Assert.Equal([Wildcard, Acme], _store.List());
        Assert.Equal(acme.Thumbprint, _store.TryLoad(Acme)!.Certificate.Thumbprint);
        Assert.Null(_store.TryLoad("bravo.sintestesia.cl"));
    }

    [Fact]
    public async Task KeyColumnHoldsCiphertextNotThePrivateKey()
    {
        using var leaf = Leaf(Acme);
        _store.Save(Acme, leaf, [_intermediate]);
        using var key = leaf.GetECDsaPrivateKey()!;
        var keyBase64 = Convert.ToBase64String(key.ExportPkcs8PrivateKey());

        var column = (string)(await _database.ScalarAsync("SELECT key_pem_enc FROM certificates WHERE name = @n", ("@n", Acme)))!;

        Assert.StartsWith("v1:k1:", column, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", column, StringComparison.Ordinal);
        Assert.DoesNotContain(keyBase64[..40], column, StringComparison.Ordinal);
        Assert.DoesNotContain(key.ExportPkcs8PrivateKeyPem(), column, StringComparison.Ordinal);
    }

    [Fact]
    public void StoreWithAnotherSecretKeyRefusesTheEntryByName()
    {
        using var leaf = Leaf(Acme);
        _store.Save(Acme, leaf, [_intermediate]);
        var other = new DatabaseCertificateStore(_database.CreateContextFactory(), TestKeys.NewProtector());

        var error = Assert.Throws<InvalidDataException>(() => other.TryLoad(Acme));

        Assert.Contains($"'{Acme}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyCopiedFromAnotherEntryIsRefusedByName()
    {
        using var acme = Leaf(Acme);
        using var wildcard = Leaf(Wildcard);
        _store.Save(Acme, acme, []);
        _store.Save(Wildcard, wildcard, []);

        await _database.ExecuteAsync(
            "UPDATE certificates SET key_pem_enc = (SELECT key_pem_enc FROM certificates WHERE name = @from) WHERE name = @to",
            ("@from", Wildcard), ("@to", Acme));

        var error = Assert.Throws<InvalidDataException>(() => _store.TryLoad(Acme));
        Assert.Contains($"'{Acme}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(wildcard.Thumbprint, _store.TryLoad(Wildcard)!.Certificate.Thumbprint);
    }

    [Fact]
    public async Task KeyThatDoesNotMatchTheCertificateIsRefusedByName()
    {
        using var leaf = Leaf(Acme);
        _store.Save(Acme, leaf, []);
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var foreignKey = new SecretProtector(_key).Protect(stranger.ExportPkcs8PrivateKeyPem(), SecretProtector.CertificateKeyPurpose(Acme));

        await _database.ExecuteAsync("UPDATE certificates SET key_pem_enc = @k WHERE name = @n", ("@k", foreignKey), ("@n", Acme));

        var error = Assert.Throws<InvalidDataException>(() => _store.TryLoad(Acme));
        Assert.Contains($"'{Acme}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecondGatewayOverTheSameDatabaseSeesWhatTheFirstSaved()
    {
        var secondGateway = NewStore();
        using var first = Leaf(Wildcard);
        using var renewed = Leaf(Wildcard);

        _store.Save(Wildcard, first, [_intermediate]);
        Assert.Equal([Wildcard], secondGateway.List());
        Assert.Equal(first.Thumbprint, secondGateway.TryLoad(Wildcard)!.Certificate.Thumbprint);

        secondGateway.Save(Wildcard, renewed, [_intermediate]);
        Assert.Equal(renewed.Thumbprint, _store.TryLoad(Wildcard)!.Certificate.Thumbprint);
    }

    /// <summary>A gateway of its own: its own context factory and protector, the shared file and key.</summary>
    private DatabaseCertificateStore NewStore() => new(_database.CreateContextFactory(), new SecretProtector(_key));

    private static X509Certificate2 Authority(string commonName, X509Certificate2? issuer = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        if (issuer is null)
        {
            return request.CreateSelfSigned(notBefore, DateTimeOffset.UtcNow.AddYears(1));
        }

        using var signed = request.Create(issuer, notBefore, DateTimeOffset.UtcNow.AddDays(300), RandomNumberGenerator.GetBytes(8));
        return signed.CopyWithPrivateKey(key);
    }

    private X509Certificate2 Leaf(string dnsName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = request.Create(_intermediate, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90), RandomNumberGenerator.GetBytes(8));
        return signed.CopyWithPrivateKey(key);
    }
}

public sealed class DatabaseCertificateStoreOnSqliteTests() : DatabaseCertificateStoreTests(new SqliteDatabase());

public sealed class DatabaseCertificateStoreOnPostgresTests() : DatabaseCertificateStoreTests(new PostgresDatabase());
