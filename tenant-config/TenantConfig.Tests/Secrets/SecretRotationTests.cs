using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Certificates;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Secrets;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.Secrets;

/// <summary>Key rotation over a real database file of its own per test: a rotation touches every row there is.</summary>
public abstract class SecretRotationTests : IAsyncLifetime
{
    private static readonly string AccountSid = "AC" + new string('d', 32);

    private readonly TestDatabase _database;
    private readonly string _k1 = TestKeys.NewKey();
    private readonly string _k2 = TestKeys.NewKey();
    private int _numbers;

    protected SecretRotationTests(TestDatabase database) => _database = database;

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task RotationReEncryptsEveryRowWithTheNewKeyAndEachSecretStillReadsTheSame()
    {
        var k1 = Protector(("k1", _k1));
        await AddTwilioAsync(k1, "rota-uno", "token-uno");
        await AddTwilioAsync(k1, "rota-dos", "token-dos");
        await AddMetaAsync(k1, "rota-uno", "verifica-uno", "secreto-uno", "acceso-uno");

        var rotation = await RotateAsync(Protector(("k2", _k2), ("k1", _k1)));

        Assert.True(rotation.Succeeded, rotation.Error?.Message);
        Assert.Equal(5, rotation.Value!.ReEncrypted);
        Assert.Equal(0, rotation.Value.AlreadyCurrent);
        Assert.Equal(new[] { 2, 1, 1, 1, 0, 0 }, rotation.Value.Columns.Select(c => c.ReEncrypted));
        var stored = await StoredAsync();
        Assert.All(stored.Values, c => Assert.StartsWith("v1:k2:", c, StringComparison.Ordinal));
        var onlyK2 = Protector(("k2", _k2));
        Assert.Equal("token-uno", onlyK2.Unprotect(stored[("twilio", "rota-uno-2024")], SecretProtector.TwilioTokenPurpose("rota-uno-2024")));
        Assert.Equal("token-dos", onlyK2.Unprotect(stored[("twilio", "rota-dos-2024")], SecretProtector.TwilioTokenPurpose("rota-dos-2024")));
        Assert.Equal("verifica-uno", onlyK2.Unprotect(stored[("verify", "rota-uno-2024")], SecretProtector.MetaVerifyTokenPurpose("rota-uno-2024")));
        Assert.Equal("secreto-uno", onlyK2.Unprotect(stored[("app", "rota-uno-2024")], SecretProtector.MetaAppSecretPurpose("rota-uno-2024")));
        Assert.Equal("acceso-uno", onlyK2.Unprotect(stored[("access", "rota-uno-2024")], SecretProtector.MetaAccessTokenPurpose("rota-uno-2024")));
    }

    [Fact]
    public async Task ASecondRotationFindsEverythingCurrentAndChangesNothing()
    {
        await AddTwilioAsync(Protector(("k1", _k1)), "dos-veces", "token-dos-veces");
        var k2 = Protector(("k2", _k2), ("k1", _k1));
        await RotateAsync(k2);
        var afterFirst = await StoredAsync();

        var second = await RotateAsync(k2);

        Assert.True(second.Succeeded, second.Error?.Message);
        Assert.Equal(0, second.Value!.ReEncrypted);
        Assert.Equal(1, second.Value.AlreadyCurrent);
        Assert.Equal(afterFirst, await StoredAsync());
    }

    [Fact]
    public async Task OnlySecretsOnAnOlderKeyAreReEncrypted()
    {
        var k2 = Protector(("k2", _k2), ("k1", _k1));
        await AddTwilioAsync(Protector(("k1", _k1)), "vieja", "token-vieja");
        await AddTwilioAsync(k2, "nueva", "token-nueva");
        var before = await StoredAsync();

        var rotation = await RotateAsync(k2);

        Assert.Equal(1, rotation.Value!.ReEncrypted);
        Assert.Equal(1, rotation.Value.AlreadyCurrent);
        var after = await StoredAsync();
        Assert.Equal(before[("twilio", "nueva-2024")], after[("twilio", "nueva-2024")]);
        Assert.NotEqual(before[("twilio", "vieja-2024")], after[("twilio", "vieja-2024")]);
    }

    [Fact]
    public async Task ASecretOnAKeyThatIsNotConfiguredRefusesTheRotationAndNothingChanges()
    {
        await AddTwilioAsync(Protector(("k1", _k1)), "conocida", "token-conocida");
        await AddTwilioAsync(Protector(("k0", TestKeys.NewKey())), "perdida", "token-perdida");
        await AddMetaAsync(Protector(("k0", TestKeys.NewKey())), "perdida", "verifica-perdida", "secreto-perdido", "acceso-perdido");
        var before = await StoredAsync();

        var rotation = await RotateAsync(Protector(("k2", _k2), ("k1", _k1)));

        Assert.False(rotation.Succeeded);
        Assert.Equal(AdminErrorKind.Invalid, rotation.Error!.Kind);
        Assert.Contains("4 stored secret(s)", rotation.Error.Message, StringComparison.Ordinal);
        Assert.Contains("twilio_accounts.auth_token_enc of row", rotation.Error.Message, StringComparison.Ordinal);
        Assert.Contains("(tenant perdida-2024)", rotation.Error.Message, StringComparison.Ordinal);
        Assert.Contains("'k0'", rotation.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Secrets__PreviousKeys__", rotation.Error.Message, StringComparison.Ordinal);
        foreach (var secret in new[] { "token-conocida", "token-perdida", "verifica-perdida", "secreto-perdido", "acceso-perdido" })
        {
            Assert.DoesNotContain(secret, rotation.Error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task ASecretCopiedOntoAnotherTenantsRowIsRefusedLikeAnUnknownKey()
    {
        var k1 = Protector(("k1", _k1));
        await AddTwilioAsync(k1, "original", "token-original");
        await AddTwilioAsync(k1, "copia", "token-copia");
        await _database.ExecuteAsync(
            "UPDATE twilio_accounts SET auth_token_enc = (SELECT auth_token_enc FROM twilio_accounts WHERE tenant_id = 'original-2024') WHERE tenant_id = 'copia-2024'");
        var before = await StoredAsync();

        var rotation = await RotateAsync(Protector(("k2", _k2), ("k1", _k1)));

        Assert.False(rotation.Succeeded);
        Assert.Contains("(tenant copia-2024)", rotation.Error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(tenant original-2024)", rotation.Error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task RotationAlsoReEncryptsCertificateKeysSoTheyLoadWithOnlyTheNewKey()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=acme.sintestesia.cl", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        new DatabaseCertificateStore(_database.CreateContextFactory(), Protector(("k1", _k1))).Save("acme.sintestesia.cl", certificate, []);

        var rotation = await RotateAsync(Protector(("k2", _k2), ("k1", _k1)));

        Assert.True(rotation.Succeeded, rotation.Error?.Message);
        Assert.Equal(1, rotation.Value!.Columns.Single(c => c.Column == "certificates.key_pem_enc").ReEncrypted);
        var loaded = new DatabaseCertificateStore(_database.CreateContextFactory(), Protector(("k2", _k2))).TryLoad("acme.sintestesia.cl");
        Assert.True(loaded!.Certificate.HasPrivateKey);
        Assert.Equal(certificate.Thumbprint, loaded.Certificate.Thumbprint);
    }

    [Fact]
    public async Task RotationAlsoReEncryptsTheAcmeAccountKeySoItLoadsWithOnlyTheNewKey()
    {
        var directory = new Uri("https://acme-v02.api.letsencrypt.org/directory");
        using var created = await new DatabaseAccountKeyStore(_database.CreateContextFactory(), Protector(("k1", _k1)))
            .LoadOrCreateAsync(directory, CancellationToken.None);

        var rotation = await RotateAsync(Protector(("k2", _k2), ("k1", _k1)));

        Assert.True(rotation.Succeeded, rotation.Error?.Message);
        Assert.Equal(1, rotation.Value!.Columns.Single(c => c.Column == "acme_accounts.key_pem_enc").ReEncrypted);
        using var loaded = await new DatabaseAccountKeyStore(_database.CreateContextFactory(), Protector(("k2", _k2)))
            .LoadOrCreateAsync(directory, CancellationToken.None);
        Assert.Equal(created.ExportJwk(), loaded.ExportJwk());
    }

    private static SecretProtector Protector(params (string Id, string Key)[] keys) => new(new SecretOptions
    {
        KeyId = keys[0].Id,
        Key = keys[0].Key,
        PreviousKeys = keys.Skip(1).ToDictionary(k => k.Id, k => k.Key),
    });

    private async Task<AdminResult<SecretRotation>> RotateAsync(SecretProtector protector)
    {
        await using var db = _database.CreateContext();
        return await Admin(db, protector).RotateSecretsAsync(CancellationToken.None);
    }

    private async Task AddTwilioAsync(SecretProtector protector, string slug, string token)
    {
        await using var db = _database.CreateContext();
        var admin = Admin(db, protector);
        var id = $"{slug}-2024";
        if (!await db.Tenants.AnyAsync(t => t.Id == id))
        {
            Assert.True((await admin.CreateAsync($"Tienda {slug}", slug, id, CancellationToken.None)).Succeeded);
        }

        var number = $"+1415555{1000 + ++_numbers}";
        Assert.True((await admin.SetTwilioAsync(id, AccountSid, token, number, CancellationToken.None)).Succeeded);
    }

    /// <summary>Written as rows, encrypted the way the administration encrypts them, with the tenant as purpose.</summary>
    private async Task AddMetaAsync(SecretProtector protector, string slug, string verifyToken, string appSecret, string accessToken)
    {
        await using var db = _database.CreateContext();
        var id = $"{slug}-2024";
        db.MetaAccounts.Add(new MetaAccount
        {
            TenantId = id,
            PhoneNumberId = $"1000{++_numbers}",
            VerifyTokenEnc = protector.Protect(verifyToken, SecretProtector.MetaVerifyTokenPurpose(id)),
            AppSecretEnc = protector.Protect(appSecret, SecretProtector.MetaAppSecretPurpose(id)),
            AccessTokenEnc = protector.Protect(accessToken, SecretProtector.MetaAccessTokenPurpose(id)),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Every stored ciphertext, keyed by (column, tenant).</summary>
    private async Task<Dictionary<(string Column, string TenantId), string>> StoredAsync()
    {
        await using var db = _database.CreateContext();
        var stored = new Dictionary<(string, string), string>();
        foreach (var a in await db.TwilioAccounts.AsNoTracking().ToListAsync())
        {
            stored[("twilio", a.TenantId)] = a.AuthTokenEnc;
        }

        foreach (var a in await db.MetaAccounts.AsNoTracking().ToListAsync())
        {
            stored[("verify", a.TenantId)] = a.VerifyTokenEnc;
            stored[("app", a.TenantId)] = a.AppSecretEnc;
            stored[("access", a.TenantId)] = a.AccessTokenEnc;
        }

        return stored;
    }

    private static TenantAdministration Admin(TenantDbContext db, SecretProtector protector) => new(db, protector, FixedTimeProvider.Mid2024);
}

public sealed class SecretRotationOnSqliteTests() : SecretRotationTests(new SqliteDatabase());

public sealed class SecretRotationOnPostgresTests() : SecretRotationTests(new PostgresDatabase());
