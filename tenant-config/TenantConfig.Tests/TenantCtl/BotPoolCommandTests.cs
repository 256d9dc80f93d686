using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.TenantCtl;

/// <summary><c>pools list|set|remove</c> and <c>tenants set --bot-pool</c>, run as ops would on a real database.</summary>
public sealed class BotPoolCommandTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>, IDisposable
{
    private readonly TenantCtlRunner _cli = new(database);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task SetCreatesAPoolListShowsItAndSetAgainReplacesItsDestinations()
    {
        var created = await _cli.RunAsync("pools", "set", "ida-vuelta", "--destination", "http://10.0.0.7:9101/", "--destination", "HTTP://10.0.0.8:9101");
        var listed = await _cli.RunAsync("pools", "list");
        var replaced = await _cli.RunAsync("pools", "set", "ida-vuelta", "--destination", "https://10.0.0.9:9443");

        Assert.True(created.ExitCode == ExitCodes.Ok, created.Output);
        Assert.Contains("Pool ida-vuelta now has 2 bot hosts", created.Stdout, StringComparison.Ordinal);
        Assert.True(listed.ExitCode == ExitCodes.Ok, listed.Output);
        Assert.Contains(listed.Stdout.Split('\n'), line => line.StartsWith("ida-vuelta", StringComparison.Ordinal)
            && line.Contains("http://10.0.0.7:9101 http://10.0.0.8:9101", StringComparison.Ordinal));
        Assert.True(replaced.ExitCode == ExitCodes.Ok, replaced.Output);
        Assert.Equal(["https://10.0.0.9:9443"], await DestinationsAsync("ida-vuelta"));
    }

    [Theory]
    [InlineData("Premium", "http://10.0.0.7:9101")]
    [InlineData("mala-url", "ftp://10.0.0.7")]
    [InlineData("con-consulta", "http://10.0.0.7:9101/?x=1")]
    public async Task BadPoolIsRefusedAndNothingIsStored(string pool, string destination)
    {
        var refused = await _cli.RunAsync("pools", "set", pool, "--destination", destination);

        Assert.Equal(ExitCodes.Refused, refused.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(refused.Stderr), refused.Output);
        Assert.Empty(await DestinationsAsync(pool));
    }

    [Fact]
    public async Task SetWithoutADestinationIsAUsageError()
    {
        var refused = await _cli.RunAsync("pools", "set", "sin-destino");

        Assert.Equal(ExitCodes.UsageError, refused.ExitCode);
        Assert.Contains("--destination", refused.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantsSetBotPoolAssignsTheShopShowPrintsItAndAnEmptyValueReturnsItToTheDefault()
    {
        var id = await AddAsync("tienda-con-pool");
        await _cli.RunAsync("pools", "set", "asignable", "--destination", "http://10.0.0.7:9101");

        var assigned = await _cli.RunAsync("tenants", "set", id, "--bot-pool", "asignable");
        var stored = await PoolOfAsync(id);
        var show = await _cli.RunAsync("tenants", "show", id);
        var cleared = await _cli.RunAsync("tenants", "set", id, "--bot-pool", "");

        Assert.True(assigned.ExitCode == ExitCodes.Ok, assigned.Output);
        Assert.Equal("asignable", stored);
        Assert.Contains("bot pool:       asignable", show.Stdout, StringComparison.Ordinal);
        Assert.True(cleared.ExitCode == ExitCodes.Ok, cleared.Output);
        Assert.Contains("bot pool:       the default bot hosts", cleared.Stdout, StringComparison.Ordinal);
        Assert.Null(await PoolOfAsync(id));
    }

    [Fact]
    public async Task AnUnknownPoolIsRefusedAndTheShopStaysOnTheDefault()
    {
        var id = await AddAsync("pool-inexistente");

        var refused = await _cli.RunAsync("tenants", "set", id, "--bot-pool", "no-existe");

        Assert.Equal(ExitCodes.Refused, refused.ExitCode);
        Assert.Contains("no-existe", refused.Stderr, StringComparison.Ordinal);
        Assert.Null(await PoolOfAsync(id));
    }

    [Fact]
    public async Task RemoveDeletesThePoolAndReturnsItsShopsToTheDefault()
    {
        var id = await AddAsync("pool-que-se-va");
        await _cli.RunAsync("pools", "set", "se-va", "--destination", "http://10.0.0.7:9101");
        await _cli.RunAsync("tenants", "set", id, "--bot-pool", "se-va");

        var removed = await _cli.RunAsync("pools", "remove", "se-va");
        var again = await _cli.RunAsync("pools", "remove", "se-va");

        Assert.True(removed.ExitCode == ExitCodes.Ok, removed.Output);
        Assert.Contains("1 shop went back to the default bot hosts", removed.Stdout, StringComparison.Ordinal);
        Assert.Null(await PoolOfAsync(id));
        Assert.Empty(await DestinationsAsync("se-va"));
        Assert.Equal(ExitCodes.Refused, again.ExitCode);
        Assert.Contains("No bot-host pool is named 'se-va'", again.Stderr, StringComparison.Ordinal);
    }

    private async Task<string> AddAsync(string slug)
    {
        var add = await _cli.RunAsync("tenants", "add", "--name", $"Tienda {slug}", "--slug", slug, "--id", $"{slug}-2024");
        Assert.True(add.ExitCode == ExitCodes.Ok, add.Output);
        return $"{slug}-2024";
    }

    private async Task<string?> PoolOfAsync(string id) =>
        await database.ScalarAsync("SELECT bot_pool_id FROM tenant_clients WHERE id = @id", ("@id", id)) as string;

    private async Task<string[]> DestinationsAsync(string pool)
    {
        await using var db = database.CreateContext();
        return [.. db.BotPoolDestinations.Where(d => d.PoolId == pool).OrderBy(d => d.Id).Select(d => d.Address)];
    }
}
