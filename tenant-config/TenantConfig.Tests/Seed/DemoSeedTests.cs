using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantConfig.Secrets;
using Sintestesia.TenantConfig.Seed;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.Seed;

/// <summary>Each test starts from a fresh, empty database, since the seed's effect is the whole database.</summary>
public sealed class DemoSeedTests : IAsyncLifetime
{
    private readonly SqliteDatabase _database = new();
    private readonly SecretProtector _secrets = TestKeys.NewProtector();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task FreshDatabaseGetsThreeShopsWithFullCatalogsAndSomeOutOfStock()
    {
        var created = await ApplyAsync();

        Assert.Equal(["acme-cannabis-2024", "bravo-gaming-2024", "mundo-canino-2024"], created.Order());
        await using var db = _database.CreateContext();
        var catalogs = await db.Products.GroupBy(p => p.ClientId)
            .Select(g => new { Tenant = g.Key, Count = g.Count(), OutOfStock = g.Count(p => p.Stock == 0) })
            .ToListAsync();
        Assert.Equal(3, catalogs.Count);
        Assert.All(catalogs, c => Assert.True(c.Count >= 20, $"{c.Tenant} has {c.Count} products"));
        Assert.All(catalogs, c => Assert.True(c.OutOfStock > 0, $"{c.Tenant} has nothing out of stock"));
    }

    [Theory]
    [InlineData("acme-cannabis-2024", "Northern Lights")]
    [InlineData("bravo-gaming-2024", "PlayStation 5")]
    [InlineData("bravo-gaming-2024", "Xbox Series X")]
    [InlineData("bravo-gaming-2024", "Nintendo Switch")]
    public async Task CatalogsHoldTheProductsTheReadmePromises(string tenantId, string product)
    {
        await ApplyAsync();

        await using var db = _database.CreateContext();
        Assert.True(await db.Products.AnyAsync(p => p.ClientId == tenantId && p.Name.StartsWith(product)), $"{tenantId} lacks {product}");
    }

    [Fact]
    public async Task SeededShopsResolveBySlugAndTheirTwilioNumbersRoute()
    {
        await ApplyAsync();

        var snapshot = await new TenantSnapshotSource(_database.CreateContextFactory()).LoadAsync(CancellationToken.None);

        Assert.Equal(["acme", "bravo", "mundo-canino"], snapshot.All.Select(t => t.Slug));
        Assert.All(snapshot.All, t => Assert.Equal(t.Id, TenantLookup.Resolve(snapshot, t.Slug).Tenant?.Id));
        Assert.Equal("acme-cannabis-2024", snapshot.FindByTwilioNumber("whatsapp:+14155238886")?.Id);
    }

    [Fact]
    public async Task ApplyingTwiceChangesNothing()
    {
        await ApplyAsync();
        var before = await FingerprintAsync();

        var createdAgain = await ApplyAsync();

        Assert.Empty(createdAgain);
        Assert.Equal(before, await FingerprintAsync());
    }

    private async Task<IReadOnlyList<string>> ApplyAsync()
    {
        await using var db = _database.CreateContext();
        return await DemoSeed.ApplyAsync(new TenantAdministration(db, _secrets, FixedTimeProvider.Mid2024), CancellationToken.None);
    }

    /// <summary>Every row the seed writes, plus the directory version that any write would bump.</summary>
    private async Task<string> FingerprintAsync() => string.Join('|',
        await _database.ScalarAsync("SELECT version FROM tenant_directory_version"),
        await _database.ScalarAsync("SELECT group_concat(id || name || slug || status || created_at) FROM (SELECT * FROM tenant_clients ORDER BY id)"),
        await _database.ScalarAsync("SELECT group_concat(id || tenant_id || auth_token_enc || from_number) FROM (SELECT * FROM twilio_accounts ORDER BY id)"),
        await _database.ScalarAsync("SELECT group_concat(id || client_id || name || price || stock || status) FROM (SELECT * FROM products ORDER BY id)"));
}
