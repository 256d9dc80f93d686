using Sintestesia.TenantConfig.Secrets;
using Sintestesia.TenantConfig.Tests.Infrastructure;
using Sintestesia.TenantConfig.Tests.TenantCtl;

namespace Sintestesia.TenantConfig.Tests.Meta;

/// <summary><c>tenantctl meta set</c> run as a real process: secrets from stdin or the environment, never from argv.</summary>
public sealed class MetaCommandTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>, IDisposable
{
    private static readonly string[] SecretVariables = ["META_VERIFY_TOKEN", "META_APP_SECRET", "META_ACCESS_TOKEN"];

    private readonly TenantCtlRunner _cli = new(database);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task SecretsFromStdinAreStoredEncryptedAndNeverPrinted()
    {
        await AddTenantAsync("meta-stdin");
        var (verify, app, access) = ($"vt{Guid.NewGuid():N}", $"as{Guid.NewGuid():N}", $"EAAG{Guid.NewGuid():N}");

        var result = await _cli.RunAsync(Environment(), $"{verify}\n{app}\n{access}\n",
            "meta", "set", "meta-stdin-2024", "--phone-number-id", "101010101010101", "--display-number", "+56 9 8765 4321", "--secrets-stdin");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("101010101010101", result.Stdout, StringComparison.Ordinal);
        var protector = new SecretProtector(new SecretOptions { Key = _cli.SecretKey });
        var stored = await StoredAsync("meta-stdin-2024");
        foreach (var secret in new[] { verify, app, access })
        {
            Assert.DoesNotContain(secret, result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, string.Join('|', stored), StringComparison.Ordinal);
        }

        Assert.Equal(verify, protector.Unprotect(stored[0], SecretProtector.MetaVerifyTokenPurpose("meta-stdin-2024")));
        Assert.Equal(app, protector.Unprotect(stored[1], SecretProtector.MetaAppSecretPurpose("meta-stdin-2024")));
        Assert.Equal(access, protector.Unprotect(stored[2], SecretProtector.MetaAccessTokenPurpose("meta-stdin-2024")));
        Assert.Equal("+56987654321", await database.ScalarAsync(
            "SELECT display_phone_number FROM meta_accounts WHERE tenant_id = 'meta-stdin-2024'"));
    }

    [Fact]
    public async Task SecretsAreAlsoTakenFromTheEnvironment()
    {
        await AddTenantAsync("meta-entorno");
        var environment = Environment();
        environment["META_VERIFY_TOKEN"] = "vt-from-environment";
        environment["META_APP_SECRET"] = "as-from-environment";
        environment["META_ACCESS_TOKEN"] = "at-from-environment";

        var result = await _cli.RunAsync(environment, null, "meta", "set", "meta-entorno-2024", "--phone-number-id", "202020202020202");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.DoesNotContain("from-environment", result.Output, StringComparison.Ordinal);
        Assert.Equal(1L, await database.CountAsync("meta_accounts", "tenant_id", "meta-entorno-2024"));
    }

    [Fact]
    public async Task WithoutSecretsItIsAUsageErrorNamingTheVariablesAndStdin()
    {
        var environment = Environment();
        environment["META_APP_SECRET"] = "only-this-one";

        var result = await _cli.RunAsync(environment, null, "meta", "set", "cualquiera-2024", "--phone-number-id", "303030303030303");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("META_VERIFY_TOKEN", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("META_ACCESS_TOKEN", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("META_APP_SECRET", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--secrets-stdin", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StdinWithFewerThanThreeLinesIsAUsageError()
    {
        var result = await _cli.RunAsync(Environment(), "vt\nas\n", "meta", "set", "cualquiera-2024", "--phone-number-id", "404040404040404", "--secrets-stdin");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("line 3", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecretGivenAsAnArgumentIsNotAccepted()
    {
        await AddTenantAsync("meta-argv");

        var result = await _cli.RunAsync(Environment(), "vt\nas\nat\n",
            "meta", "set", "meta-argv-2024", "--phone-number-id", "505050505050505", "--secrets-stdin", "--app-secret", "secret-on-argv");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Equal(0L, await database.CountAsync("meta_accounts", "tenant_id", "meta-argv-2024"));
    }

    [Fact]
    public async Task AnotherTenantsNumberIsRefusedWithASentence()
    {
        await AddTenantAsync("meta-primera");
        await AddTenantAsync("meta-segunda");
        var first = await _cli.RunAsync(Environment(), "v\na\nt\n", "meta", "set", "meta-primera-2024", "--phone-number-id", "606060606060606", "--secrets-stdin");

        var second = await _cli.RunAsync(Environment(), "v\na\nt\n", "meta", "set", "meta-segunda-2024", "--phone-number-id", "606060606060606", "--secrets-stdin");
        var invalid = await _cli.RunAsync(Environment(), "v\na\nt\n", "meta", "set", "meta-segunda-2024", "--phone-number-id", "60606x", "--secrets-stdin");

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Equal(ExitCodes.Refused, second.ExitCode);
        Assert.Contains("another tenant", second.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, invalid.ExitCode);
        Assert.Contains("digits only", invalid.Stderr, StringComparison.Ordinal);
        Assert.Equal(0L, await database.CountAsync("meta_accounts", "tenant_id", "meta-segunda-2024"));
    }

    /// <summary>The operator's environment, with any Meta secrets of the machine's own environment blanked out.</summary>
    private Dictionary<string, string> Environment()
    {
        var environment = _cli.Environment();
        foreach (var name in SecretVariables)
        {
            environment[name] = string.Empty;
        }

        return environment;
    }

    private async Task AddTenantAsync(string slug) =>
        Assert.Equal(ExitCodes.Ok, (await _cli.RunAsync("tenants", "add", "--name", $"Tienda {slug}", "--slug", slug, "--id", $"{slug}-2024")).ExitCode);

    private async Task<string[]> StoredAsync(string tenantId) =>
        [.. await Task.WhenAll(new[] { "verify_token_enc", "app_secret_enc", "access_token_enc" }.Select(async c =>
            (string)(await database.ScalarAsync($"SELECT {c} FROM meta_accounts WHERE tenant_id = @id", ("@id", tenantId)))!))];
}
