using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Catalog;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Secrets;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.Administration;

/// <summary>One database for the class; every test works on tenants of its own.</summary>
public abstract class TenantAdministrationTests(TestDatabase database)
{
    private readonly SecretProtector _secrets = TestKeys.NewProtector();

    [Fact]
    public async Task NewTenantGetsSlugAndYearAsItsDefaultId()
    {
        await using var db = database.CreateContext();

        var result = await Admin(db).CreateAsync("Tienda Uno", "tienda-uno", id: null, CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal("tienda-uno-2024", result.Value!.Id);
        Assert.Equal(TenantStatus.Active, result.Value.Status);
        Assert.Equal(FixedTimeProvider.Mid2024.GetUtcNow().UtcDateTime, result.Value.CreatedAt);
    }

    [Fact]
    public async Task DuplicateSlugIsAConflict()
    {
        await using var db = database.CreateContext();
        await Admin(db).CreateAsync("Primera", "repetida", "repetida-2024", CancellationToken.None);

        var second = await Admin(db).CreateAsync("Segunda", "repetida", "otra-id-2024", CancellationToken.None);

        Assert.Equal(AdminErrorKind.Conflict, second.Error?.Kind);
    }

    [Fact]
    public async Task DuplicateIdIsAConflict()
    {
        await using var db = database.CreateContext();
        await Admin(db).CreateAsync("Primera", "id-uno", "mismo-id", CancellationToken.None);

        var second = await Admin(db).CreateAsync("Segunda", "id-dos", "mismo-id", CancellationToken.None);

        Assert.Equal(AdminErrorKind.Conflict, second.Error?.Kind);
    }

    [Theory]
    [InlineData("Bad_Slug")]
    [InlineData("-x")]
    [InlineData("x-")]
    [InlineData("a.b")]
    [InlineData("Mayusculas")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("www")]
    [InlineData("admin")]
    [InlineData("")]
    [InlineData("ñandu")]
    public async Task SlugThatIsNotAUsableDnsLabelIsInvalid(string slug)
    {
        await using var db = database.CreateContext();

        var result = await Admin(db).CreateAsync("Tienda", slug, id: null, CancellationToken.None);

        Assert.Equal(AdminErrorKind.Invalid, result.Error?.Kind);
        Assert.DoesNotContain(await Admin(db).ListAsync(CancellationToken.None), t => t.Slug == slug);
    }

    [Fact]
    public async Task SixtyThreeCharacterSlugIsAccepted()
    {
        await using var db = database.CreateContext();

        var result = await Admin(db).CreateAsync("Larga", new string('b', 63), id: null, CancellationToken.None);

        Assert.Null(result.Error);
    }

    [Fact]
    public async Task TwilioTokenIsStoredOnlyAsCiphertextThatDecryptsForItsTenant()
    {
        await using var db = database.CreateContext();
        var admin = Admin(db);
        await admin.CreateAsync("Con Twilio", "con-twilio", "con-twilio-2024", CancellationToken.None);
        const string token = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

        var result = await admin.SetTwilioAsync("con-twilio-2024", "AC" + new string('1', 32), token, "whatsapp:+14155550111", CancellationToken.None);

        Assert.Null(result.Error);
        var stored = (string)(await database.ScalarAsync(
            "SELECT auth_token_enc FROM twilio_accounts WHERE tenant_id = 'con-twilio-2024'"))!;
        Assert.DoesNotContain(token, stored, StringComparison.Ordinal);
        Assert.StartsWith("v1:", stored, StringComparison.Ordinal);
        Assert.Equal(token, _secrets.Unprotect(stored, SecretProtector.TwilioTokenPurpose("con-twilio-2024")));
        Assert.Equal("+14155550111", await database.ScalarAsync("SELECT from_number FROM twilio_accounts WHERE tenant_id = 'con-twilio-2024'"));
    }

    [Fact]
    public async Task SettingTwilioAgainReplacesTheAccount()
    {
        await using var db = database.CreateContext();
        var admin = Admin(db);
        await admin.CreateAsync("Dos Veces", "dos-veces", "dos-veces-2024", CancellationToken.None);
        await admin.SetTwilioAsync("dos-veces-2024", "AC" + new string('1', 32), "primero", "+14155550121", CancellationToken.None);

        await admin.SetTwilioAsync("dos-veces-2024", "AC" + new string('2', 32), "segundo", "+14155550122", CancellationToken.None);

        Assert.Equal(1L, await database.CountAsync("twilio_accounts", "tenant_id", "dos-veces-2024"));
        Assert.Equal("+14155550122", await database.ScalarAsync("SELECT from_number FROM twilio_accounts WHERE tenant_id = 'dos-veces-2024'"));
    }

    [Fact]
    public async Task ReplaceProductsReplacesTheWholeCatalog()
    {
        await using var db = database.CreateContext();
        var admin = Admin(db);
        await admin.CreateAsync("Catalogo", "catalogo", "catalogo-2024", CancellationToken.None);
        await admin.ReplaceProductsAsync("catalogo-2024", [Item("cat-1", "Viejo 1"), Item("cat-2", "Viejo 2")], CancellationToken.None);

        var result = await admin.ReplaceProductsAsync("catalogo-2024", [Item("cat-3", "Nuevo 3"), Item(null, "Nuevo sin id")], CancellationToken.None);

        Assert.Equal(2, result.Value);
        var names = db.Products.Where(p => p.ClientId == "catalogo-2024").Select(p => p.Name).OrderBy(n => n).ToList();
        Assert.Equal(["Nuevo 3", "Nuevo sin id"], names);
    }

    [Fact]
    public async Task ReimportingTheSameIdsUpdatesTheProducts()
    {
        await using (var first = database.CreateContext())
        {
            await Admin(first).CreateAsync("Reimporta", "reimporta", "reimporta-2024", CancellationToken.None);
            await Admin(first).ReplaceProductsAsync("reimporta-2024", [Item("re-1", "Antes")], CancellationToken.None);
        }

        await using var db = database.CreateContext();
        var result = await Admin(db).ReplaceProductsAsync("reimporta-2024", [Item("re-1", "Despues") with { Stock = 0 }], CancellationToken.None);

        Assert.Null(result.Error);
        var product = Assert.Single(db.Products.AsNoTracking(), p => p.ClientId == "reimporta-2024");
        Assert.Equal(("re-1", "Despues", 0), (product.Id, product.Name, product.Stock));
    }

    [Fact]
    public async Task ReimportingTheSameIdsWorksWithinOneContext()
    {
        await using var db = database.CreateContext();
        var admin = Admin(db);
        await admin.CreateAsync("Mismo Contexto", "mismo-contexto", "mismo-contexto-2024", CancellationToken.None);
        await admin.ReplaceProductsAsync("mismo-contexto-2024", [Item("mc-1", "Antes")], CancellationToken.None);

        var result = await admin.ReplaceProductsAsync("mismo-contexto-2024", [Item("mc-1", "Despues")], CancellationToken.None);

        Assert.Equal(1, result.Value);
    }

    [Fact]
    public async Task ReplaceProductsChangesNothingWhenOneItemIsInvalid()
    {
        await using var db = database.CreateContext();
        var admin = Admin(db);
        await admin.CreateAsync("Atomico", "atomico", "atomico-2024", CancellationToken.None);
        await admin.ReplaceProductsAsync("atomico-2024", [Item("at-1", "Original")], CancellationToken.None);

        var result = await admin.ReplaceProductsAsync(
            "atomico-2024", [Item("at-2", "Bueno"), Item("at-3", "Malo") with { Price = -1 }], CancellationToken.None);

        Assert.Equal(AdminErrorKind.Invalid, result.Error?.Kind);
        Assert.Contains("Malo", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("Original", Assert.Single(db.Products, p => p.ClientId == "atomico-2024").Name);
    }

    [Fact]
    public async Task ProductIdOfAnotherTenantIsAConflict()
    {
        await using var db = database.CreateContext();
        var admin = Admin(db);
        await admin.CreateAsync("Dueno", "dueno", "dueno-2024", CancellationToken.None);
        await admin.CreateAsync("Intruso", "intruso", "intruso-2024", CancellationToken.None);
        await admin.ReplaceProductsAsync("dueno-2024", [Item("compartido-1", "Del dueno")], CancellationToken.None);

        var result = await admin.ReplaceProductsAsync("intruso-2024", [Item("compartido-1", "Robado")], CancellationToken.None);

        Assert.Equal(AdminErrorKind.Conflict, result.Error?.Kind);
        Assert.Equal("Del dueno", Assert.Single(db.Products, p => p.Id == "compartido-1").Name);
    }

    [Fact]
    public async Task DeleteRemovesTheTenantWithItsProductsTwilioAccountAndMessages()
    {
        await using var db = database.CreateContext();
        var admin = Admin(db);
        await admin.CreateAsync("Se Va", "se-va", "se-va-2024", CancellationToken.None);
        await admin.CreateAsync("Se Queda", "se-queda", "se-queda-2024", CancellationToken.None);
        foreach (var id in new[] { "se-va-2024", "se-queda-2024" })
        {
            await admin.ReplaceProductsAsync(id, [Item(null, "Producto")], CancellationToken.None);
            await admin.SetTwilioAsync(id, "AC" + new string('3', 32), "token", "+14155550131", CancellationToken.None);
            await database.ExecuteAsync(
                "INSERT INTO messages (tenant_id, direction, channel, phone, body) VALUES (@id, 'inbound', 'twilio', '+56911111111', 'hola')",
                ("@id", id));
        }

        var result = await admin.DeleteAsync("se-va-2024", CancellationToken.None);

        Assert.Null(result.Error);
        foreach (var (table, column) in new[] { ("tenant_clients", "id"), ("products", "client_id"), ("twilio_accounts", "tenant_id"), ("messages", "tenant_id") })
        {
            Assert.Equal(0L, await database.CountAsync(table, column, "se-va-2024"));
            Assert.Equal(1L, await database.CountAsync(table, column, "se-queda-2024"));
        }
    }

    [Fact]
    public async Task ChangesToAnUnknownTenantAreNotFound()
    {
        await using var db = database.CreateContext();
        var admin = Admin(db);

        Assert.Equal(AdminErrorKind.NotFound, (await admin.DeleteAsync("no-existe", CancellationToken.None)).Error?.Kind);
        Assert.Equal(AdminErrorKind.NotFound, (await admin.UpdateAsync("no-existe", new TenantChanges { Status = "inactive" }, CancellationToken.None)).Error?.Kind);
        Assert.Equal(AdminErrorKind.NotFound, (await admin.ReplaceProductsAsync("no-existe", [], CancellationToken.None)).Error?.Kind);
        Assert.Equal(
            AdminErrorKind.NotFound,
            (await admin.SetTwilioAsync("no-existe", "AC" + new string('4', 32), "t", "+14155550141", CancellationToken.None)).Error?.Kind);
    }

    [Fact]
    public async Task UnknownStatusIsInvalid()
    {
        await using var db = database.CreateContext();
        var admin = Admin(db);
        await admin.CreateAsync("Estado", "estado", "estado-2024", CancellationToken.None);

        var result = await admin.UpdateAsync("estado-2024", new TenantChanges { Status = "paused" }, CancellationToken.None);

        Assert.Equal(AdminErrorKind.Invalid, result.Error?.Kind);
        Assert.Equal(TenantStatus.Active, (await admin.GetAsync("estado-2024", CancellationToken.None)).Value?.Status);
    }

    private static ProductInput Item(string? id, string name) => new(id, name, 1990m, 3, null, null, null);

    private TenantAdministration Admin(TenantDbContext db) => new(db, _secrets, FixedTimeProvider.Mid2024);
}

public sealed class TenantAdministrationOnSqliteTests(SqliteDatabase database) : TenantAdministrationTests(database), IClassFixture<SqliteDatabase>;

public sealed class TenantAdministrationOnPostgresTests(PostgresDatabase database) : TenantAdministrationTests(database), IClassFixture<PostgresDatabase>;
