using System.Security.Cryptography;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Catalog;

namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>
/// Shops a test creates for itself through <see cref="TenantAdministration"/> (as the admin API and tenantctl do),
/// so that changing their settings or catalog never disturbs the demo shops other tests read.
/// </summary>
public static class TestShops
{
    public static async Task<string> CreateShopAsync(this BotHostFixture host, string name, params ProductInput[] products)
    {
        ArgumentNullException.ThrowIfNull(host);
        var slug = "t" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        await using var db = host.CreateContext();
        var admin = new TenantAdministration(db, host.Protector, TimeProvider.System);
        var tenant = await admin.CreateAsync(name, slug, $"{slug}-test", CancellationToken.None);
        Assert.Null(tenant.Error);
        var imported = await admin.ReplaceProductsAsync(tenant.Value!.Id, products, CancellationToken.None);
        Assert.Null(imported.Error);
        return tenant.Value.Id;
    }

    public static ProductInput Product(string name, decimal price, int stock, string category, string? id = null) =>
        new(id, name, price, stock, "Active", category, null);
}
