using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Secrets;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.Meta;

/// <summary><see cref="TenantAdministration.SetMetaAsync"/> on a real SQLite file; every test works on tenants of its own.</summary>
public abstract class MetaAdministrationTests(TestDatabase database)
{
    private readonly SecretProtector _secrets = TestKeys.NewProtector();

    [Fact]
    public async Task TheThreeSecretsAreStoredEncryptedAndBoundToTheTenant()
    {
        var id = await CreateTenantAsync("meta-cifrado");

        var result = await SetAsync(id, "100200300400500", "verify-123", "app-secret-456", "EAAG-access-789", " +56 9 1234 5678 ");

        Assert.True(result.Succeeded, result.Error?.Message);
        var row = await RowAsync(id);
        Assert.Equal("100200300400500", row.PhoneNumberId);
        Assert.Equal("+56912345678", row.DisplayPhoneNumber);
        Assert.Equal("active", row.Status);
        var raw = $"{row.VerifyTokenEnc}|{row.AppSecretEnc}|{row.AccessTokenEnc}";
        foreach (var secret in new[] { "verify-123", "app-secret-456", "EAAG-access-789" })
        {
            Assert.DoesNotContain(secret, raw, StringComparison.Ordinal);
        }

        Assert.Equal("verify-123", _secrets.Unprotect(row.VerifyTokenEnc, SecretProtector.MetaVerifyTokenPurpose(id)));
        Assert.Equal("app-secret-456", _secrets.Unprotect(row.AppSecretEnc, SecretProtector.MetaAppSecretPurpose(id)));
        Assert.Equal("EAAG-access-789", _secrets.Unprotect(row.AccessTokenEnc, SecretProtector.MetaAccessTokenPurpose(id)));
        // Copied onto another tenant's row, or read as another of the three, a ciphertext does not decrypt.
        Assert.Throws<SecretDecryptionException>(() => _secrets.Unprotect(row.AppSecretEnc, SecretProtector.MetaAppSecretPurpose("otra-tienda")));
        Assert.Throws<SecretDecryptionException>(() => _secrets.Unprotect(row.AppSecretEnc, SecretProtector.MetaAccessTokenPurpose(id)));
    }

    [Fact]
    public async Task SettingAgainReplacesTheTenantsNumber()
    {
        var id = await CreateTenantAsync("meta-reemplazo");
        await SetAsync(id, "111111111111111", "v1", "a1", "t1");

        var second = await SetAsync(id, "222222222222222", "v2", "a2", "t2");

        Assert.True(second.Succeeded, second.Error?.Message);
        Assert.Equal(1L, await database.CountAsync("meta_accounts", "tenant_id", id));
        var row = await RowAsync(id);
        Assert.Equal("222222222222222", row.PhoneNumberId);
        Assert.Null(row.DisplayPhoneNumber);
        Assert.Equal("t2", _secrets.Unprotect(row.AccessTokenEnc, SecretProtector.MetaAccessTokenPurpose(id)));
    }

    [Fact]
    public async Task ANumberOfAnotherTenantIsAConflictAndChangesNothing()
    {
        var owner = await CreateTenantAsync("meta-duena");
        var other = await CreateTenantAsync("meta-intrusa");
        await SetAsync(owner, "333333333333333", "v", "a", "t");
        await SetAsync(other, "444444444444444", "v", "a", "t");

        var taken = await SetAsync(other, "333333333333333", "v", "a", "t");

        Assert.Equal(AdminErrorKind.Conflict, taken.Error?.Kind);
        Assert.Contains("333333333333333", taken.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(owner, (await RowByNumberAsync("333333333333333")).TenantId);
        Assert.Equal("444444444444444", (await RowAsync(other)).PhoneNumberId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12ab34")]
    [InlineData("+56912345678")]
    [InlineData("1234 5678")]
    public async Task APhoneNumberIdThatIsNotDigitsIsRefused(string phoneNumberId)
    {
        var result = await SetAsync("cualquiera-2024", phoneNumberId, "v", "a", "t");

        Assert.Equal(AdminErrorKind.Invalid, result.Error?.Kind);
        Assert.Contains("phone_number_id", result.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "a", "t", "verify_token")]
    [InlineData("v", " ", "t", "app_secret")]
    [InlineData("v", "a", "", "access_token")]
    [InlineData("v", "a", "linea\nrota", "access_token")]
    public async Task AMissingOrMultiLineSecretIsRefusedByName(string? verifyToken, string? appSecret, string? accessToken, string named)
    {
        var result = await SetAsync("cualquiera-2024", "555555555555555", verifyToken, appSecret, accessToken);

        Assert.Equal(AdminErrorKind.Invalid, result.Error?.Kind);
        Assert.StartsWith(named, result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecretLongerThanFiveHundredCharactersIsRefused()
    {
        var result = await SetAsync("cualquiera-2024", "555555555555555", "v", new string('s', 501), "t");

        Assert.Equal(AdminErrorKind.Invalid, result.Error?.Kind);
        Assert.True((await SetAsync(await CreateTenantAsync("meta-larga"), "565656565656565", "v", new string('s', 500), "t")).Succeeded);
    }

    [Fact]
    public async Task AnUnknownTenantIsNotFound()
    {
        var result = await SetAsync("no-existe-2024", "666666666666666", "v", "a", "t");

        Assert.Equal(AdminErrorKind.NotFound, result.Error?.Kind);
    }

    [Fact]
    public async Task ADeletedTenantTakesItsMetaNumberWithIt()
    {
        var id = await CreateTenantAsync("meta-borrada");
        await SetAsync(id, "777777777777777", "v", "a", "t");
        await using var db = database.CreateContext();

        await Admin(db).DeleteAsync(id, CancellationToken.None);

        Assert.Equal(0L, await database.CountAsync("meta_accounts", "tenant_id", id));
    }

    private async Task<AdminResult<bool>> SetAsync(
        string id, string phoneNumberId, string? verifyToken, string? appSecret, string? accessToken, string? display = null)
    {
        await using var db = database.CreateContext();
        return await Admin(db).SetMetaAsync(id, phoneNumberId, display, verifyToken, appSecret, accessToken, CancellationToken.None);
    }

    private async Task<string> CreateTenantAsync(string slug)
    {
        await using var db = database.CreateContext();
        var created = await Admin(db).CreateAsync($"Tienda {slug}", slug, $"{slug}-2024", CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value!.Id;
    }

    private async Task<MetaAccount> RowAsync(string tenantId)
    {
        await using var db = database.CreateContext();
        return Assert.Single(db.MetaAccounts.Where(a => a.TenantId == tenantId).ToList());
    }

    private async Task<MetaAccount> RowByNumberAsync(string phoneNumberId)
    {
        await using var db = database.CreateContext();
        return Assert.Single(db.MetaAccounts.Where(a => a.PhoneNumberId == phoneNumberId).ToList());
    }

    private TenantAdministration Admin(TenantDbContext db) => new(db, _secrets, FixedTimeProvider.Mid2024);
}

public sealed class MetaAdministrationOnSqliteTests(SqliteDatabase database) : MetaAdministrationTests(database), IClassFixture<SqliteDatabase>;

public sealed class MetaAdministrationOnPostgresTests(PostgresDatabase database) : MetaAdministrationTests(database), IClassFixture<PostgresDatabase>;
