namespace Sintestesia.TenantConfig.Data;

/// <summary>
/// One row of <c>tenant_directory_changes</c>, written by the <c>tenant_clients</c> triggers: the directory version a
/// change produced and the shop it touched, so a gateway can re-read the shops that changed instead of every shop.
/// Only the last 10,000 versions are kept; a gateway further behind reads everything.
/// </summary>
public sealed class DirectoryChange
{
    public long Version { get; set; }

    public required string TenantId { get; set; }
}
