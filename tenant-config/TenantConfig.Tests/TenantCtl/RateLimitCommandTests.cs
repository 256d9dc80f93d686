using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.TenantCtl;

/// <summary><c>tenants set --rate-limit N|default</c> and how <c>tenants show</c> prints it.</summary>
public sealed class RateLimitCommandTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>, IDisposable
{
    private readonly TenantCtlRunner _cli = new(database);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task SetStoresTheLimitShowPrintsItAndDefaultClearsIt()
    {
        var id = await AddAsync("con-limite");

        var set = await _cli.RunAsync("tenants", "set", id, "--rate-limit", "120");
        var stored = await LimitAsync(id);
        var show = await _cli.RunAsync("tenants", "show", id);
        var other = await _cli.RunAsync("tenants", "set", id, "--currency", "USD");
        var kept = await LimitAsync(id);
        var reset = await _cli.RunAsync("tenants", "set", id, "--rate-limit", "default");

        Assert.True(set.ExitCode == ExitCodes.Ok, set.Output);
        Assert.Equal(120L, stored);
        Assert.Contains("rate limit:     120 requests per minute", show.Stdout, StringComparison.Ordinal);
        Assert.True(other.ExitCode == ExitCodes.Ok, other.Output);
        Assert.Equal(120L, kept);
        Assert.True(reset.ExitCode == ExitCodes.Ok, reset.Output);
        Assert.Contains("rate limit:     the gateway's default", reset.Stdout, StringComparison.Ordinal);
        Assert.Null(await LimitAsync(id));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1000001")]
    public async Task ALimitOutsideOneToOneHundredThousandIsRefusedAndNothingChanges(string limit)
    {
        var id = await AddAsync($"fuera-de-rango{limit.Replace("-", "m", StringComparison.Ordinal)}");
        await _cli.RunAsync("tenants", "set", id, "--rate-limit", "300");

        var refused = await _cli.RunAsync("tenants", "set", id, "--rate-limit", limit);

        Assert.Equal(ExitCodes.Refused, refused.ExitCode);
        Assert.Contains("1 to 1000000 requests per minute", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(300L, await LimitAsync(id));
    }

    [Fact]
    public async Task ALimitThatIsNotANumberIsAUsageError()
    {
        var id = await AddAsync("limite-palabra");

        var refused = await _cli.RunAsync("tenants", "set", id, "--rate-limit", "mucho");

        Assert.Equal(ExitCodes.UsageError, refused.ExitCode);
        Assert.Contains("--rate-limit", refused.Stderr, StringComparison.Ordinal);
        Assert.Null(await LimitAsync(id));
    }

    private async Task<string> AddAsync(string slug)
    {
        var add = await _cli.RunAsync("tenants", "add", "--name", $"Tienda {slug}", "--slug", slug, "--id", $"{slug}-2024");
        Assert.True(add.ExitCode == ExitCodes.Ok, add.Output);
        return $"{slug}-2024";
    }

    private async Task<long?> LimitAsync(string id) =>
        await database.ScalarAsync("SELECT rate_limit_per_minute FROM tenant_clients WHERE id = @id", ("@id", id)) is long n ? n : null;
}
