namespace Sintestesia.TenantConfig.Data;

/// <summary>One catalog item (table <c>products</c>); <see cref="ClientId"/> is the tenant ID.</summary>
public sealed class Product
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string ClientId { get; set; }
    public decimal Price { get; set; }
    public int Stock { get; set; }
    public string Status { get; set; } = ProductStatus.Active;
    public string? Category { get; set; }
    public string? Description { get; set; }
}

public static class ProductStatus
{
    public const string Active = "Active";
    public const string Inactive = "Inactive";
}
