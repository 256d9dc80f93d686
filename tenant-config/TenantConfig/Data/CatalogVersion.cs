namespace Sintestesia.TenantConfig.Data;

/// <summary>
/// Per-tenant counter bumped by triggers on every change to <c>products</c> (plain SQL included), so bot hosts
/// rebuild a tenant's search index only when its catalog really changed.
/// </summary>
public sealed class CatalogVersion
{
    public required string TenantId { get; set; }
    public long Version { get; set; }
}
