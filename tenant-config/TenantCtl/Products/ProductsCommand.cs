using System.CommandLine;
using Sintestesia.TenantConfig.Catalog;
using Sintestesia.TenantCtl.Configuration;

namespace Sintestesia.TenantCtl.Products;

internal static class ProductsCommand
{
    public static Command Create()
    {
        var tenantId = new Argument<string>("tenant-id") { Description = "Tenant ID." };
        var file = new Argument<FileInfo>("file")
        {
            Description = "A .csv (header: name, price, stock and optionally id, status, category, description) or a .json array of the same fields.",
        };
        var import = new Command("import", "Replace a tenant's whole catalog with the products in a file.");
        import.Arguments.Add(tenantId);
        import.Arguments.Add(file);
        import.SetGuardedAction(async (parseResult, ct) =>
        {
            var path = parseResult.GetValue(file)!.FullName;
            IReadOnlyList<ProductInput> items;
            try
            {
                items = CatalogFile.Read(path);
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return ExitCodes.Refused;
            }

            await using var session = AdminSession.Open(parseResult, storesSecrets: false);
            var id = parseResult.GetValue(tenantId)!;
            var result = await session.Admin.ReplaceProductsAsync(id, items, ct);
            if (result.Error is { } error)
            {
                return await CommandActions.RefuseAsync(error);
            }

            Console.WriteLine($"Imported {result.Value} product(s) into {id}; its previous catalog was replaced.");
            return ExitCodes.Ok;
        });

        var products = new Command("products", "A tenant's catalog.");
        products.Subcommands.Add(import);
        return products;
    }
}
