using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.TenantCtl;

/// <summary><c>tenants set|show</c> and <c>conversations list|release</c> as ops run them: real processes on a real file.</summary>
public sealed class SettingsAndConversationCommandsTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>, IDisposable
{
    private readonly TenantCtlRunner _cli = new(database);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task SetStoresEverySettingAndShowPrintsThem()
    {
        var id = await AddAsync("ajustes");

        var set = await _cli.RunAsync("tenants", "set", id, "--name", "Ajustes Ñuñoa", "--currency", "USD",
            "--business-hours", "lun-vie 09:00-19:00; sab 10:00-14:00", "--time-zone", "America/Argentina/Buenos_Aires",
            "--llm", "on", "--persona", "Vendedor amable y breve.");
        var show = await _cli.RunAsync("tenants", "show", id);

        Assert.True(set.ExitCode == ExitCodes.Ok, set.Output);
        Assert.Equal("USD", await ColumnAsync(id, "currency"));
        Assert.Equal("lun-vie 09:00-19:00; sab 10:00-14:00", await ColumnAsync(id, "business_hours"));
        Assert.Equal("America/Argentina/Buenos_Aires", await ColumnAsync(id, "time_zone"));
        Assert.Equal(1L, await ColumnAsync(id, "llm_enabled"));
        Assert.Equal("Vendedor amable y breve.", await ColumnAsync(id, "llm_persona"));
        Assert.Equal(ExitCodes.Ok, show.ExitCode);
        foreach (var line in new[]
        {
            $"id:             {id}", "name:           Ajustes Ñuñoa", "status:         active", "currency:       USD",
            "business hours: lun-vie 09:00-19:00; sab 10:00-14:00", "time zone:      America/Argentina/Buenos_Aires",
            "llm:            on", "persona:        Vendedor amable y breve.",
        })
        {
            Assert.Contains(line, show.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ShowOfANewTenantPrintsTheDefaults()
    {
        var id = await AddAsync("por-omision");

        var show = await _cli.RunAsync("tenants", "show", id);

        Assert.Equal(ExitCodes.Ok, show.ExitCode);
        foreach (var line in new[] { "currency:       CLP", "business hours: always open", "time zone:      America/Santiago", "llm:            off", "persona:        (none)" })
        {
            Assert.Contains(line, show.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EmptyValuesClearTheHoursAndThePersona()
    {
        var id = await AddAsync("se-limpia");
        await _cli.RunAsync("tenants", "set", id, "--business-hours", "lun-dom 08:00-20:00", "--persona", "Formal.");

        var clear = await _cli.RunAsync("tenants", "set", id, "--business-hours", "", "--persona", "");

        Assert.True(clear.ExitCode == ExitCodes.Ok, clear.Output);
        Assert.Equal(DBNull.Value, await ColumnAsync(id, "business_hours"));
        Assert.Equal(DBNull.Value, await ColumnAsync(id, "llm_persona"));
    }

    [Fact]
    public async Task BadHoursAreRefusedWithTheReasonAndNothingChanges()
    {
        var id = await AddAsync("horas-malas");

        var result = await _cli.RunAsync("tenants", "set", id, "--currency", "USD", "--business-hours", "lunes a viernes de 9 a 7");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("lun-vie 09:00-19:00", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Equal("CLP", await ColumnAsync(id, "currency"));
        Assert.Equal(DBNull.Value, await ColumnAsync(id, "business_hours"));
    }

    [Theory]
    [InlineData("--currency", "pesos", "ISO 4217")]
    [InlineData("--time-zone", "Chile/Nowhere", "IANA")]
    public async Task SettingsTheAdministrationRefusesExitWithOneAndTheSentence(string option, string value, string reason)
    {
        var id = await AddAsync($"rechazo{option.Length}");

        var result = await _cli.RunAsync("tenants", "set", id, option, value);

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains(reason, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetWithoutAnythingToChangeOrWithABadLlmValueIsAUsageError()
    {
        var id = await AddAsync("sin-cambios");

        var nothing = await _cli.RunAsync("tenants", "set", id);
        var badLlm = await _cli.RunAsync("tenants", "set", id, "--llm", "maybe");

        Assert.Equal(ExitCodes.UsageError, nothing.ExitCode);
        Assert.Contains("--currency", nothing.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UsageError, badLlm.ExitCode);
        Assert.Equal(0L, await ColumnAsync(id, "llm_enabled"));
    }

    [Fact]
    public async Task ConversationsListShowsHandOffsMostRecentlyActiveFirst()
    {
        var id = await AddAsync("lista-conversaciones");
        await SeedAsync(id, "+56966660001", "2024-06-15 09:00:00", handoff: true, optedOut: false);
        await SeedAsync(id, "+56966660002", "2024-06-15 10:00:00", handoff: false, optedOut: true);
        await SeedAsync(id, "+56966660003", "2024-06-15 11:00:00", handoff: true, optedOut: false);

        var handoffs = await _cli.RunAsync("conversations", "list", id, "--state", "handoff");
        var all = await _cli.RunAsync("conversations", "list", id, "--limit", "1");
        var bad = await _cli.RunAsync("conversations", "list", id, "--state", "waiting");

        Assert.Equal(ExitCodes.Ok, handoffs.ExitCode);
        var newer = handoffs.Stdout.IndexOf("+56966660003", StringComparison.Ordinal);
        var older = handoffs.Stdout.IndexOf("+56966660001", StringComparison.Ordinal);
        Assert.InRange(newer, 0, older);
        Assert.DoesNotContain("+56966660002", handoffs.Stdout, StringComparison.Ordinal);
        Assert.Contains("+56966660003", all.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("+56966660001", all.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, bad.ExitCode);
        Assert.Contains("'waiting'", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConversationsReleaseClearsTheHandOffButNotTheOptOut()
    {
        var id = await AddAsync("suelta-conversacion");
        await SeedAsync(id, "+56977770001", "2024-06-15 09:00:00", handoff: true, optedOut: true);

        var release = await _cli.RunAsync("conversations", "release", id, "whatsapp:+56977770001");
        var unknown = await _cli.RunAsync("conversations", "release", id, "+56977779999");

        Assert.True(release.ExitCode == ExitCodes.Ok, release.Output);
        Assert.Contains("opted out", release.Stdout, StringComparison.Ordinal);
        Assert.Equal(0L, await database.ScalarAsync("SELECT handoff FROM conversations WHERE tenant_id = @t", ("@t", id)));
        Assert.Equal(1L, await database.ScalarAsync("SELECT opted_out FROM conversations WHERE tenant_id = @t", ("@t", id)));
        Assert.Equal(ExitCodes.Refused, unknown.ExitCode);
        Assert.Contains("+56977779999", unknown.Stderr, StringComparison.Ordinal);
    }

    private async Task<string> AddAsync(string slug)
    {
        var id = $"{slug}-2024";
        var add = await _cli.RunAsync("tenants", "add", "--name", $"Tienda {slug}", "--slug", slug, "--id", id);
        Assert.True(add.ExitCode == ExitCodes.Ok, add.Output);
        return id;
    }

    private Task<object?> ColumnAsync(string id, string column) =>
        database.ScalarAsync($"SELECT {column} FROM tenant_clients WHERE id = @id", ("@id", id));

    private Task<int> SeedAsync(string tenantId, string phone, string updatedAt, bool handoff, bool optedOut) => database.ExecuteAsync(
        "INSERT INTO conversations (tenant_id, phone, state, updated_at, handoff, opted_out) VALUES (@t, @p, NULL, @u, @h, @o)",
        ("@t", tenantId), ("@p", phone), ("@u", updatedAt), ("@h", handoff), ("@o", optedOut));
}
