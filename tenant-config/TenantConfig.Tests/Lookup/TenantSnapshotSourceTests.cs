using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.Lookup;

/// <summary>Each test gets a fresh database: they insert the contract's fixed rows and count version bumps.</summary>
public abstract class TenantSnapshotSourceTests : IAsyncLifetime
{
    private const string InsertNuevaTienda =
        "INSERT INTO tenant_clients (id, name, slug) VALUES ('nueva-tienda-2024','Nueva Tienda','nueva-tienda')";

    private readonly TestDatabase _database;
    private TenantSnapshotSource _source = null!;

    protected TenantSnapshotSourceTests(TestDatabase database) => _database = database;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _source = new TenantSnapshotSource(_database.CreateContextFactory());
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task TenantInsertedByPlainSqlBumpsTheVersionAndLoadsAsActive()
    {
        var before = await _source.ReadVersionAsync(CancellationToken.None);

        await _database.ExecuteAsync(InsertNuevaTienda);

        var after = await _source.ReadVersionAsync(CancellationToken.None);
        var snapshot = await _source.LoadAsync(CancellationToken.None);
        Assert.True(after > before);
        Assert.Equal(after, snapshot.Version);
        var tenant = snapshot.FindById("nueva-tienda-2024");
        Assert.NotNull(tenant);
        Assert.Equal(TenantStatus.Active, tenant.Status);
        Assert.Equal("Nueva Tienda", tenant.Name);
        Assert.Equal(ResolvedBy.Slug, TenantLookup.Resolve(snapshot, "nueva-tienda").By);
    }

    [Fact]
    public async Task UpdateByPlainSqlBumpsTheVersionAndChangesTheSnapshot()
    {
        await _database.ExecuteAsync(InsertNuevaTienda);
        var before = await _source.ReadVersionAsync(CancellationToken.None);

        await _database.ExecuteAsync("UPDATE tenant_clients SET name = 'Tienda Renovada', status = 'inactive' WHERE id = 'nueva-tienda-2024'");

        Assert.True(await _source.ReadVersionAsync(CancellationToken.None) > before);
        var snapshot = await _source.LoadAsync(CancellationToken.None);
        Assert.Null(snapshot.FindById("nueva-tienda-2024"));
        Assert.Equal("Tienda Renovada", Assert.Single(snapshot.All).Name);
    }

    [Fact]
    public async Task DeleteByPlainSqlBumpsTheVersionAndRemovesTheTenant()
    {
        await _database.ExecuteAsync(InsertNuevaTienda);
        var before = await _source.ReadVersionAsync(CancellationToken.None);

        await _database.ExecuteAsync("DELETE FROM tenant_clients WHERE id = 'nueva-tienda-2024'");

        Assert.True(await _source.ReadVersionAsync(CancellationToken.None) > before);
        Assert.Empty((await _source.LoadAsync(CancellationToken.None)).All);
    }

    [Fact]
    public async Task ProductInsertedByPlainSqlReadsBackThroughEfCore()
    {
        await _database.ExecuteAsync(InsertNuevaTienda);

        await _database.ExecuteAsync(
            "INSERT INTO products (id, name, client_id, price, stock, status) VALUES ('nt-1','Lampara','nueva-tienda-2024',19990,5,'Active')");

        await using var db = _database.CreateContext();
        var product = Assert.Single(db.Products, p => p.ClientId == "nueva-tienda-2024");
        Assert.Equal(19990m, product.Price);
        Assert.Equal(5, product.Stock);
        Assert.Equal(ProductStatus.Active, product.Status);
    }

    [Fact]
    public async Task TwilioNumberMapsToItsTenantWithOrWithoutWhatsappPrefix()
    {
        await CreateTenantWithNumberAsync("uno-2024", "uno", "+14155550101");
        await CreateTenantWithNumberAsync("dos-2024", "dos", "+14155550102");

        var snapshot = await _source.LoadAsync(CancellationToken.None);

        Assert.Equal("uno-2024", snapshot.FindByTwilioNumber("+14155550101")?.Id);
        Assert.Equal("uno-2024", snapshot.FindByTwilioNumber("whatsapp:+14155550101")?.Id);
        Assert.Equal("dos-2024", snapshot.FindByTwilioNumber("whatsapp:+1 415-555-0102")?.Id);
        Assert.Null(snapshot.FindByTwilioNumber("+14155550199"));
    }

    [Fact]
    public async Task NumberSharedByTwoTenantsMapsToNeither()
    {
        await CreateTenantWithNumberAsync("uno-2024", "uno", "+14155550101");
        await CreateTenantWithNumberAsync("dos-2024", "dos", "whatsapp:+14155550101");

        var snapshot = await _source.LoadAsync(CancellationToken.None);

        Assert.Null(snapshot.FindByTwilioNumber("+14155550101"));
        Assert.Null(snapshot.FindByTwilioNumber("whatsapp:+14155550101"));
    }

    [Fact]
    public async Task TwilioNumberChangedByPlainSqlBumpsTheVersionAndReroutes()
    {
        await CreateTenantWithNumberAsync("uno-2024", "uno", "+14155550101");
        var before = await _source.ReadVersionAsync(CancellationToken.None);

        await _database.ExecuteAsync("UPDATE twilio_accounts SET from_number = '+14155550177' WHERE tenant_id = 'uno-2024'");

        Assert.True(await _source.ReadVersionAsync(CancellationToken.None) > before);
        var snapshot = await _source.LoadAsync(CancellationToken.None);
        Assert.Null(snapshot.FindByTwilioNumber("+14155550101"));
        Assert.Equal("uno-2024", snapshot.FindByTwilioNumber("whatsapp:+14155550177")?.Id);
    }

    private async Task CreateTenantWithNumberAsync(string id, string slug, string number)
    {
        await using var db = _database.CreateContext();
        var admin = new TenantAdministration(db, TestKeys.NewProtector(), FixedTimeProvider.Mid2024);
        Assert.True((await admin.CreateAsync(slug.ToUpperInvariant(), slug, id, CancellationToken.None)).Succeeded);
        var twilio = await admin.SetTwilioAsync(id, "AC" + new string('a', 32), "token-" + id, number, CancellationToken.None);
        Assert.Null(twilio.Error);
    }
}

public sealed class TenantSnapshotSourceOnSqliteTests() : TenantSnapshotSourceTests(new SqliteDatabase());

public sealed class TenantSnapshotSourceOnPostgresTests() : TenantSnapshotSourceTests(new PostgresDatabase());
