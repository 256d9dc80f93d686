using Sintestesia.TenantConfig.Data;

namespace Sintestesia.TenantConfig.Catalog;

/// <summary>A product as ops send it (admin API, CSV, JSON), before validation.</summary>
public sealed record ProductInput(string? Id, string? Name, decimal? Price, int? Stock, string? Status, string? Category, string? Description)
{
    public const int MaxProductsPerCatalog = 50_000;
    private const decimal MaxPrice = 1_000_000_000_000m;

    /// <summary>The product row for <paramref name="tenantId"/>, or a sentence saying what is wrong with item <paramref name="position"/>.</summary>
    public (Product? Product, string? Error) ToProduct(string tenantId, int position)
    {
        var where = $"Product {position}" + (string.IsNullOrWhiteSpace(Name) ? string.Empty : $" ('{Name}')");
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 300)
        {
            return (null, $"{where} needs a name of 1 to 300 characters.");
        }

        if (Price is not { } price || price < 0 || price > MaxPrice)
        {
            return (null, $"{where} needs a price of 0 or more.");
        }

        if (Stock is not { } stock || stock < 0)
        {
            return (null, $"{where} needs a stock of 0 or more.");
        }

        var status = string.IsNullOrWhiteSpace(Status) ? ProductStatus.Active
            : Status.Trim().ToLowerInvariant() switch
            {
                "active" => ProductStatus.Active,
                "inactive" => ProductStatus.Inactive,
                _ => null,
            };
        if (status is null)
        {
            return (null, $"{where} has status '{Status}'; use 'Active' or 'Inactive'.");
        }

        if (Category?.Length > 100 || Description?.Length > 2000 || Id?.Length > 100)
        {
            return (null, $"{where} has an id, category or description that is too long (100, 100, 2000 characters at most).");
        }

        return (new Product
        {
            Id = string.IsNullOrWhiteSpace(Id) ? Guid.NewGuid().ToString("N") : Id.Trim(),
            Name = Name.Trim(),
            ClientId = tenantId,
            Price = price,
            Stock = stock,
            Status = status,
            Category = string.IsNullOrWhiteSpace(Category) ? null : Category.Trim(),
            Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
        }, null);
    }
}
