using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Secrets;
using Sintestesia.TenantConfig.Settings;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.Administration;

/// <summary>Shop settings ops change: what is stored, what is cleared, and what is refused with a reason.</summary>
public abstract class TenantSettingsTests(TestDatabase database)
{
    private static readonly TenantChanges EverySetting = new()
    {
        Currency = "USD",
        BusinessHours = "lun-vie 09:00-19:00; sáb 10:00-14:00",
        TimeZone = "America/New_York",
        LlmEnabled = true,
        LlmPersona = "Hablas como un vendedor cercano y breve.",
    };

    private readonly SecretProtector _secrets = TestKeys.NewProtector();

    [Fact]
    public async Task NewTenantHasTheDefaultSettings()
    {
        await using var db = database.CreateContext();
        await Admin(db).CreateAsync("Por Defecto", "por-defecto", "por-defecto-2024", CancellationToken.None);

        var details = await Admin(db).GetDetailsAsync("por-defecto-2024", CancellationToken.None);

        Assert.Equal(new TenantSettings("CLP", null, "America/Santiago", false, null), details.Value?.Settings);
    }

    [Fact]
    public async Task EverySettingIsStoredAndReadBack()
    {
        var id = await CreateAsync("todo-ajustado");
        await using var db = database.CreateContext();

        var result = await Admin(db).UpdateAsync(id, EverySetting, CancellationToken.None);

        Assert.Null(result.Error);
        var expected = new TenantSettings("USD", "lun-vie 09:00-19:00; sáb 10:00-14:00", "America/New_York", true, "Hablas como un vendedor cercano y breve.");
        Assert.Equal(expected, result.Value!.Settings);
        await using var fresh = database.CreateContext();
        Assert.Equal(expected, (await Admin(fresh).GetDetailsAsync(id, CancellationToken.None)).Value?.Settings);
        Assert.Equal("America/New_York", await database.ScalarAsync("SELECT time_zone FROM tenant_clients WHERE id = @id", ("@id", id)));
        Assert.True(await database.FlagAsync("SELECT llm_enabled FROM tenant_clients WHERE id = @id", ("@id", id)));
    }

    [Fact]
    public async Task StoredHoursAreTheOnesTheBotReads()
    {
        var id = await CreateAsync("horario-leido");
        await using var db = database.CreateContext();
        await Admin(db).UpdateAsync(id, new TenantChanges { BusinessHours = "  lun-vie 09:00-19:00 ", TimeZone = "America/Santiago" }, CancellationToken.None);

        var tenant = db.Tenants.Single(t => t.Id == id);
        var hours = BusinessHours.TryParse(tenant.BusinessHours, tenant.TimeZone, out var error);

        Assert.Null(error);
        Assert.Equal("lun-vie 09:00-19:00", tenant.BusinessHours);
        // Wednesday 2024-06-12 at 12:00 in Santiago (UTC-4) is open; Sunday is not.
        Assert.True(hours!.IsOpen(new DateTimeOffset(2024, 6, 12, 16, 0, 0, TimeSpan.Zero)));
        Assert.False(hours.IsOpen(new DateTimeOffset(2024, 6, 16, 16, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task OnlyTheGivenSettingsChange()
    {
        var id = await CreateAsync("cambio-parcial");
        await using var db = database.CreateContext();
        await Admin(db).UpdateAsync(id, EverySetting, CancellationToken.None);

        var result = await Admin(db).UpdateAsync(id, new TenantChanges { LlmEnabled = false }, CancellationToken.None);

        Assert.Equal(
            new TenantSettings("USD", "lun-vie 09:00-19:00; sáb 10:00-14:00", "America/New_York", false, "Hablas como un vendedor cercano y breve."),
            result.Value?.Settings);
        Assert.Equal("Tienda cambio-parcial", result.Value?.Tenant.Name);
    }

    [Fact]
    public async Task EmptyValuesClearHoursTimeZoneAndPersona()
    {
        var id = await CreateAsync("todo-borrado");
        await using var db = database.CreateContext();
        await Admin(db).UpdateAsync(id, EverySetting, CancellationToken.None);

        var result = await Admin(db).UpdateAsync(id, new TenantChanges { BusinessHours = "", TimeZone = " ", LlmPersona = "" }, CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal(new TenantSettings("USD", null, "America/Santiago", true, null), result.Value!.Settings);
        Assert.Equal(DBNull.Value, await database.ScalarAsync("SELECT time_zone FROM tenant_clients WHERE id = @id", ("@id", id)));
        Assert.Equal(DBNull.Value, await database.ScalarAsync("SELECT business_hours FROM tenant_clients WHERE id = @id", ("@id", id)));
    }

    [Theory]
    [InlineData("clp")]
    [InlineData("CL")]
    [InlineData("CLPX")]
    [InlineData("")]
    [InlineData("C1P")]
    [InlineData("ÑÑÑ")]
    public async Task CurrencyThatIsNotThreeUpperCaseLettersIsRefused(string currency)
    {
        var result = await RefusedChangeAsync(new TenantChanges { Currency = currency });

        Assert.Contains("ISO 4217", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lunes a viernes")]
    [InlineData("lun-vie 19:00-09:00")]
    [InlineData("lun-xyz 09:00-19:00")]
    [InlineData("lun-vie 9-19")]
    [InlineData("lun-vie 09:00-19:00; domingo cerrado")]
    [InlineData(";")]
    public async Task BusinessHoursThatDoNotReadAsHoursAreRefused(string hours)
    {
        var result = await RefusedChangeAsync(new TenantChanges { BusinessHours = hours });

        Assert.Contains("lun-vie 09:00-19:00", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Santiago")]
    [InlineData("Pacific SA Standard Time")]
    public async Task TimeZoneThatIsNotAKnownIanaNameIsRefused(string timeZone)
    {
        var result = await RefusedChangeAsync(new TenantChanges { TimeZone = timeZone });

        Assert.Contains(timeZone, result.Message, StringComparison.Ordinal);
        Assert.Contains("IANA", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HoursGivenWithABadTimeZoneChangeNothing()
    {
        var result = await RefusedChangeAsync(new TenantChanges { BusinessHours = "lun-vie 09:00-19:00", TimeZone = "Chile/Nowhere", Currency = "USD" });

        Assert.Contains("Chile/Nowhere", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonaOfAtMostTwoThousandCharactersIsAcceptedAndLongerIsRefused()
    {
        var id = await CreateAsync("persona-larga");
        await using var db = database.CreateContext();

        var fits = await Admin(db).UpdateAsync(id, new TenantChanges { LlmPersona = new string('a', 2000) }, CancellationToken.None);
        var tooLong = await Admin(db).UpdateAsync(id, new TenantChanges { LlmPersona = new string('b', 2001) }, CancellationToken.None);

        Assert.Null(fits.Error);
        Assert.Equal(AdminErrorKind.Invalid, tooLong.Error?.Kind);
        Assert.Contains("2000", tooLong.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(new string('a', 2000), (await Admin(db).GetDetailsAsync(id, CancellationToken.None)).Value?.Settings.LlmPersona);
    }

    [Fact]
    public async Task SettingsOfAnUnknownTenantAreNotFound()
    {
        await using var db = database.CreateContext();

        var update = await Admin(db).UpdateAsync("no-existe-2024", EverySetting, CancellationToken.None);
        var get = await Admin(db).GetDetailsAsync("no-existe-2024", CancellationToken.None);

        Assert.Equal(AdminErrorKind.NotFound, update.Error?.Kind);
        Assert.Equal(AdminErrorKind.NotFound, get.Error?.Kind);
    }

    /// <summary>Asserts the change is refused as invalid with a sentence, and that the tenant kept its settings.</summary>
    private async Task<AdminError> RefusedChangeAsync(TenantChanges changes)
    {
        var id = await CreateAsync($"rechazo-{Guid.NewGuid():N}"[..20]);
        await using var db = database.CreateContext();
        var before = (await Admin(db).GetDetailsAsync(id, CancellationToken.None)).Value!.Settings;

        var result = await Admin(db).UpdateAsync(id, changes, CancellationToken.None);

        Assert.Equal(AdminErrorKind.Invalid, result.Error?.Kind);
        Assert.Contains(" ", result.Error!.Message, StringComparison.Ordinal);
        await using var fresh = database.CreateContext();
        Assert.Equal(before, (await Admin(fresh).GetDetailsAsync(id, CancellationToken.None)).Value?.Settings);
        return result.Error;
    }

    private async Task<string> CreateAsync(string slug)
    {
        await using var db = database.CreateContext();
        var created = await Admin(db).CreateAsync($"Tienda {slug}", slug, id: null, CancellationToken.None);
        Assert.Null(created.Error);
        return created.Value!.Id;
    }

    private TenantAdministration Admin(TenantDbContext db) => new(db, _secrets, FixedTimeProvider.Mid2024);
}

public sealed class TenantSettingsOnSqliteTests(SqliteDatabase database) : TenantSettingsTests(database), IClassFixture<SqliteDatabase>;

public sealed class TenantSettingsOnPostgresTests(PostgresDatabase database) : TenantSettingsTests(database), IClassFixture<PostgresDatabase>;
