using System.Text.Json;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Catalog;

namespace Sintestesia.TenantConfig.Seed;

/// <summary>
/// The three demo shops (acme, bravo, mundo-canino) with catalogs and Twilio accounts whose dev auth tokens
/// are documented in the README. Applying it twice changes nothing: existing tenants are left alone.
/// </summary>
public static class DemoSeed
{
    public static async Task<IReadOnlyList<string>> ApplyAsync(TenantAdministration admin, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var created = new List<string>();
        foreach (var shop in Load().Tenants)
        {
            var tenant = await admin.CreateAsync(shop.Name, shop.Slug, shop.Id, ct);
            if (tenant.Error?.Kind == AdminErrorKind.Conflict)
            {
                continue;
            }

            Check(tenant.Error);
            Check((await admin.SetTwilioAsync(shop.Id, shop.Twilio.AccountSid, shop.Twilio.AuthToken, shop.Twilio.FromNumber, ct)).Error);
            Check((await admin.ReplaceProductsAsync(shop.Id, shop.Products, ct)).Error);
            created.Add(shop.Id);
        }

        return created;
    }

    private static void Check(AdminError? error)
    {
        if (error is not null)
        {
            throw new InvalidOperationException($"The demo seed is invalid: {error.Message}");
        }
    }

    private static SeedFile Load()
    {
        using var stream = typeof(DemoSeed).Assembly.GetManifestResourceStream("demo-tenants.json")
            ?? throw new InvalidOperationException("The demo seed resource is missing from the build.");
        return JsonSerializer.Deserialize<SeedFile>(stream, CatalogFile.JsonOptions)
            ?? throw new InvalidOperationException("The demo seed is empty.");
    }

    private sealed record SeedFile(List<SeedTenant> Tenants);

    private sealed record SeedTenant(string Id, string Name, string Slug, SeedTwilio Twilio, List<ProductInput> Products);

    private sealed record SeedTwilio(string AccountSid, string AuthToken, string FromNumber);
}
