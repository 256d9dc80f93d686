using Sintestesia.TenantConfig.Secrets;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.TenantCtl;

/// <summary><c>tenantctl secrets rotate</c> as ops run it, on a database file of its own per test.</summary>
public sealed class SecretsCommandTests : IAsyncLifetime, IDisposable
{
    private static readonly string AccountSid = "AC" + new string('e', 32);

    private readonly SqliteDatabase _database = new();
    private readonly TenantCtlRunner _cli;
    private readonly string _newKey = TestKeys.NewKey();

    public SecretsCommandTests() => _cli = new TenantCtlRunner(_database);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task RotateMovesEveryTokenToTheNewKeyPrintsCountsAndNoToken()
    {
        await AddShopWithTwilioAsync("rotar-uno", "token-rotar-uno", "+14155550201");
        await AddShopWithTwilioAsync("rotar-dos", "token-rotar-dos", "+14155550202");

        var rotate = await _cli.RunAsync(NewKeyEnvironment(withPrevious: true), null, "secrets", "rotate");
        var again = await _cli.RunAsync(NewKeyEnvironment(withPrevious: true), null, "secrets", "rotate");

        Assert.True(rotate.ExitCode == ExitCodes.Ok, rotate.Output);
        Assert.Contains("key 'k2': 2 re-encrypted, 0 already on it", rotate.Stdout, StringComparison.Ordinal);
        Assert.Contains("twilio_accounts.auth_token_enc", rotate.Stdout, StringComparison.Ordinal);
        Assert.True(again.ExitCode == ExitCodes.Ok, again.Output);
        Assert.Contains("key 'k2': 0 re-encrypted, 2 already on it", again.Stdout, StringComparison.Ordinal);
        var onlyNewKey = new SecretProtector(new SecretOptions { KeyId = "k2", Key = _newKey });
        foreach (var (slug, token) in new[] { ("rotar-uno", "token-rotar-uno"), ("rotar-dos", "token-rotar-dos") })
        {
            Assert.DoesNotContain(token, rotate.Output + again.Output, StringComparison.Ordinal);
            var stored = await StoredTokenAsync($"{slug}-2024");
            Assert.StartsWith("v1:k2:", stored, StringComparison.Ordinal);
            Assert.Equal(token, onlyNewKey.Unprotect(stored, SecretProtector.TwilioTokenPurpose($"{slug}-2024")));
        }
    }

    [Fact]
    public async Task RotateWithoutTheOldKeyExitsWithOneAndASentenceAndChangesNothing()
    {
        await AddShopWithTwilioAsync("sin-llave", "token-sin-llave", "+14155550203");
        var before = await StoredTokenAsync("sin-llave-2024");

        var rotate = await _cli.RunAsync(NewKeyEnvironment(withPrevious: false), null, "secrets", "rotate");

        Assert.Equal(ExitCodes.Refused, rotate.ExitCode);
        Assert.Contains("nothing was re-encrypted", rotate.Stderr, StringComparison.Ordinal);
        Assert.Contains("'k1'", rotate.Stderr, StringComparison.Ordinal);
        Assert.Contains("Secrets__PreviousKeys__", rotate.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("token-sin-llave", rotate.Output, StringComparison.Ordinal);
        Assert.Equal(before, await StoredTokenAsync("sin-llave-2024"));
    }

    [Fact]
    public async Task RotateWithAPreviousKeyThatIsNotAKeyIsAUsageErrorNamingIt()
    {
        var environment = NewKeyEnvironment(withPrevious: false);
        environment["Secrets__PreviousKeys__k1"] = "not-base64!";

        var rotate = await _cli.RunAsync(environment, null, "secrets", "rotate");

        Assert.Equal(ExitCodes.UsageError, rotate.ExitCode);
        Assert.Contains("'k1'", rotate.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The key ops rotate to (<c>k2</c>), with the key the tokens were written with as a previous key, or without it.</summary>
    private Dictionary<string, string> NewKeyEnvironment(bool withPrevious)
    {
        var environment = _cli.Environment();
        environment["Secrets__KeyId"] = "k2";
        environment["Secrets__Key"] = _newKey;
        if (withPrevious)
        {
            environment["Secrets__PreviousKeys__k1"] = _cli.SecretKey;
        }

        return environment;
    }

    private async Task AddShopWithTwilioAsync(string slug, string token, string number)
    {
        var add = await _cli.RunAsync("tenants", "add", "--name", $"Tienda {slug}", "--slug", slug, "--id", $"{slug}-2024");
        var twilio = await _cli.RunAsync(_cli.Environment(), token + "\n",
            "twilio", "set", $"{slug}-2024", "--account-sid", AccountSid, "--from", number, "--auth-token-stdin");
        Assert.True(add.ExitCode == ExitCodes.Ok, add.Output);
        Assert.True(twilio.ExitCode == ExitCodes.Ok, twilio.Output);
    }

    private async Task<string> StoredTokenAsync(string tenantId) =>
        (string)(await _database.ScalarAsync("SELECT auth_token_enc FROM twilio_accounts WHERE tenant_id = @id", ("@id", tenantId)))!;
}
