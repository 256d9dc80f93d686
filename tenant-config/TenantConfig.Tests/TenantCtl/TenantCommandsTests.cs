using System.Text.Json;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.TenantCtl;

/// <summary>tenantctl as ops run it: a separate process on a real database file. Tests use tenants of their own.</summary>
public sealed class TenantCommandsTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>, IDisposable
{
    private readonly TenantCtlRunner _cli = new(database);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task SeedDemoWithoutTheSecretKeyIsAUsageErrorNamingTheVariable()
    {
        var environment = _cli.Environment();
        environment.Remove("Secrets__Key");

        var result = await _cli.RunAsync(environment, null, "db", "migrate", "--seed-demo");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("Secrets__Key", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddedTenantAppearsInTheJsonList()
    {
        var add = await _cli.RunAsync("tenants", "add", "--name", "Tienda Ñuñoa", "--slug", "tienda-nunoa", "--id", "tienda-nunoa-2024");
        var list = await _cli.RunAsync("tenants", "list", "--json");

        Assert.Equal(ExitCodes.Ok, add.ExitCode);
        Assert.Contains("tienda-nunoa-2024", add.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, list.ExitCode);
        using var json = JsonDocument.Parse(list.Stdout);
        var tenant = Assert.Single(json.RootElement.EnumerateArray(), t => t.GetProperty("id").GetString() == "tienda-nunoa-2024");
        Assert.Equal("tienda-nunoa", tenant.GetProperty("slug").GetString());
        Assert.Equal("Tienda Ñuñoa", tenant.GetProperty("name").GetString());
        Assert.Equal("active", tenant.GetProperty("status").GetString());
    }

    [Fact]
    public async Task DisabledTenantBecomesInactiveAndCanBeEnabledAgain()
    {
        const string id = "pausa-2024";
        await _cli.RunAsync("tenants", "add", "--name", "Pausa", "--slug", "pausa", "--id", id);

        var disable = await _cli.RunAsync("tenants", "disable", id);
        var status = await database.ScalarAsync("SELECT status FROM tenant_clients WHERE id = @id", ("@id", id));
        var enable = await _cli.RunAsync("tenants", "enable", id);

        Assert.Equal(ExitCodes.Ok, disable.ExitCode);
        Assert.Equal("inactive", status);
        Assert.Equal(ExitCodes.Ok, enable.ExitCode);
        Assert.Equal("active", await database.ScalarAsync("SELECT status FROM tenant_clients WHERE id = @id", ("@id", id)));
    }

    [Fact]
    public async Task InvalidSlugIsRefusedWithTheReasonOnStderr()
    {
        var result = await _cli.RunAsync("tenants", "add", "--name", "Mala", "--slug", "Bad_Slug");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("DNS label", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task MissingRequiredOptionIsAUsageError()
    {
        var result = await _cli.RunAsync("tenants", "add", "--name", "Sin Slug");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("--slug", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveWithoutYesIsRefusedAndKeepsTheTenant()
    {
        await _cli.RunAsync("tenants", "add", "--name", "Casi Borrada", "--slug", "casi-borrada", "--id", "casi-borrada-2024");

        var refused = await _cli.RunAsync("tenants", "remove", "casi-borrada-2024");
        var kept = await database.CountAsync("tenant_clients", "id", "casi-borrada-2024");
        var removed = await _cli.RunAsync("tenants", "remove", "casi-borrada-2024", "--yes");

        Assert.NotEqual(ExitCodes.Ok, refused.ExitCode);
        Assert.Contains("--yes", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(1L, kept);
        Assert.Equal(ExitCodes.Ok, removed.ExitCode);
        Assert.Equal(0L, await database.CountAsync("tenant_clients", "id", "casi-borrada-2024"));
    }

    [Fact]
    public async Task DatabaseThatWasNeverMigratedIsRefusedWithAHint()
    {
        var environment = _cli.Environment();
        environment["ConnectionStrings__Tenants"] = $"Data Source={_cli.PathInWorkDir("new.db")}";

        var result = await _cli.RunAsync(environment, null, "tenants", "list");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("db migrate", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbOptionOverridesTheEnvironment()
    {
        var environment = _cli.Environment();
        environment["ConnectionStrings__Tenants"] = $"Data Source={_cli.PathInWorkDir("unmigrated.db")}";

        var result = await _cli.RunAsync(environment, null, "tenants", "list", "--json", "--db", database.ConnectionString);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
    }
}
