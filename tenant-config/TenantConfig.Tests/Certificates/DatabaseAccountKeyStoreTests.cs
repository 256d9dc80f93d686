using System.Globalization;
using System.Text.Json.Nodes;
using Sintestesia.Certs;
using Sintestesia.TenantConfig.Certificates;
using Sintestesia.TenantConfig.Secrets;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.Certificates;

/// <summary>The ACME account key gateways share through a fresh migrated database per test; each store stands for one gateway.</summary>
public abstract class DatabaseAccountKeyStoreTests(TestDatabase database) : IAsyncLifetime, IDisposable
{
    private static readonly Uri LetsEncrypt = new("https://acme-v02.api.letsencrypt.org/directory");

    private readonly SecretOptions _key = new() { Key = TestKeys.NewKey() };
    private readonly string _folder = Directory.CreateTempSubdirectory("account-key-").FullName;

    public Task InitializeAsync() => database.InitializeAsync();

    public Task DisposeAsync() => database.DisposeAsync();

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task GatewaysCreatingTheKeyAtOnceAllUseTheOneKeyThatWasStored()
    {
        var keys = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Store().LoadOrCreateAsync(LetsEncrypt, CancellationToken.None))));

        Assert.Single(keys.Select(PublicKey).Distinct());
        Assert.Equal(1L, await RowsAsync());
        using var later = await Store().LoadOrCreateAsync(LetsEncrypt, CancellationToken.None);
        Assert.Equal(PublicKey(keys[0]), PublicKey(later));
        foreach (var key in keys)
        {
            key.Dispose();
        }
    }

    [Fact]
    public async Task EachCaDirectoryHasAnAccountKeyOfItsOwn()
    {
        using var production = await Store().LoadOrCreateAsync(LetsEncrypt, CancellationToken.None);
        using var staging = await Store().LoadOrCreateAsync(new Uri("https://acme-staging-v02.api.letsencrypt.org/directory"), CancellationToken.None);

        Assert.NotEqual(PublicKey(production), PublicKey(staging));
        Assert.Equal(2L, await RowsAsync());
    }

    [Fact]
    public async Task TheKeyColumnHoldsCiphertextThatAnotherSecretKeyCannotRead()
    {
        using var key = await Store().LoadOrCreateAsync(LetsEncrypt, CancellationToken.None);

        var column = (string)(await database.ScalarAsync("SELECT key_pem_enc FROM acme_accounts WHERE directory_url = @u", ("@u", LetsEncrypt.AbsoluteUri)))!;

        Assert.StartsWith("v1:k1:", column, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", column, StringComparison.Ordinal);
        var other = new DatabaseAccountKeyStore(database.CreateContextFactory(), TestKeys.NewProtector());
        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => other.LoadOrCreateAsync(LetsEncrypt, CancellationToken.None));
        Assert.Contains(LetsEncrypt.AbsoluteUri, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyFileKeptBeforeTheDatabaseWasSharedIsImportedOnceAndLeftAsItWas()
    {
        var file = new FileAccountKeyStore(Path.Combine(_folder, "acme-account.key.pem"));
        using var fromFile = await file.LoadOrCreateAsync(LetsEncrypt, CancellationToken.None);
        var fileText = await File.ReadAllTextAsync(file.FilePath);

        using var imported = await new DatabaseAccountKeyStore(database.CreateContextFactory(), new SecretProtector(_key), importFrom: file)
            .LoadOrCreateAsync(LetsEncrypt, CancellationToken.None);
        using var elsewhere = await Store().LoadOrCreateAsync(LetsEncrypt, CancellationToken.None);

        Assert.Equal(PublicKey(fromFile), PublicKey(imported));
        Assert.Equal(PublicKey(fromFile), PublicKey(elsewhere));
        Assert.Equal(fileText, await File.ReadAllTextAsync(file.FilePath));
    }

    [Fact]
    public async Task WithoutAKeyFileToImportNoFileIsWritten()
    {
        var file = new FileAccountKeyStore(Path.Combine(_folder, "acme-account.key.pem"));

        using var key = await new DatabaseAccountKeyStore(database.CreateContextFactory(), new SecretProtector(_key), importFrom: file)
            .LoadOrCreateAsync(LetsEncrypt, CancellationToken.None);

        Assert.False(File.Exists(file.FilePath));
        Assert.Equal(1L, await RowsAsync());
    }

    /// <summary>A gateway of its own: its own context factory and protector, the shared database and secret key.</summary>
    private DatabaseAccountKeyStore Store() => new(database.CreateContextFactory(), new SecretProtector(_key));

    private static string PublicKey(AcmeAccountKey key)
    {
        var jwk = JsonNode.Parse(key.ExportJwk())!;
        return $"{jwk["x"]}.{jwk["y"]}";
    }

    private async Task<long> RowsAsync() =>
        Convert.ToInt64(await database.ScalarAsync("SELECT COUNT(*) FROM acme_accounts"), CultureInfo.InvariantCulture);
}

public sealed class DatabaseAccountKeyStoreOnSqliteTests() : DatabaseAccountKeyStoreTests(new SqliteDatabase());

public sealed class DatabaseAccountKeyStoreOnPostgresTests() : DatabaseAccountKeyStoreTests(new PostgresDatabase());
