using Sintestesia.TenantConfig.Secrets;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.TenantCtl;

public sealed class TwilioCommandTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>, IDisposable
{
    private static readonly string AccountSid = "AC" + new string('c', 32);

    private readonly TenantCtlRunner _cli = new(database);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task TokenFromStdinIsStoredEncryptedAndNeverPrinted()
    {
        await _cli.RunAsync("tenants", "add", "--name", "Con WhatsApp", "--slug", "con-whatsapp", "--id", "con-whatsapp-2024");
        var token = $"tok{Guid.NewGuid():N}";

        var result = await _cli.RunAsync(
            _cli.Environment(), token + "\n", "twilio", "set", "con-whatsapp-2024", "--account-sid", AccountSid, "--from", "whatsapp:+14155550161", "--auth-token-stdin");
        var refused = await _cli.RunAsync(
            _cli.Environment(), token + "\n", "twilio", "set", "con-whatsapp-2024", "--account-sid", "ACnope", "--from", "+14155550161", "--auth-token-stdin");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(ExitCodes.Refused, refused.ExitCode);
        Assert.DoesNotContain(token, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(token, refused.Output, StringComparison.Ordinal);
        var stored = (string)(await database.ScalarAsync("SELECT auth_token_enc FROM twilio_accounts WHERE tenant_id = 'con-whatsapp-2024'"))!;
        Assert.DoesNotContain(token, stored, StringComparison.Ordinal);
        var protector = new SecretProtector(new SecretOptions { Key = _cli.SecretKey });
        Assert.Equal(token, protector.Unprotect(stored, SecretProtector.TwilioTokenPurpose("con-whatsapp-2024")));
    }

    [Fact]
    public async Task TokenIsAlsoTakenFromTheEnvironment()
    {
        await _cli.RunAsync("tenants", "add", "--name", "Por Entorno", "--slug", "por-entorno", "--id", "por-entorno-2024");
        var environment = _cli.Environment();
        environment["TWILIO_AUTH_TOKEN"] = "token-from-environment";

        var result = await _cli.RunAsync(environment, null, "twilio", "set", "por-entorno-2024", "--account-sid", AccountSid, "--from", "+14155550171");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.DoesNotContain("token-from-environment", result.Output, StringComparison.Ordinal);
        Assert.Equal(1L, await database.CountAsync("twilio_accounts", "tenant_id", "por-entorno-2024"));
    }

    [Fact]
    public async Task SetWithoutAnyTokenIsAUsageError()
    {
        var result = await _cli.RunAsync("twilio", "set", "cualquiera-2024", "--account-sid", AccountSid, "--from", "+14155550181");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("--auth-token-stdin", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetWithoutTheSecretKeyIsAUsageErrorNamingTheVariable()
    {
        var environment = _cli.Environment();
        environment.Remove("Secrets__Key");

        var result = await _cli.RunAsync(environment, "token\n", "twilio", "set", "cualquiera-2024", "--account-sid", AccountSid, "--from", "+14155550181", "--auth-token-stdin");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("Secrets__Key", result.Stderr, StringComparison.Ordinal);
    }
}
