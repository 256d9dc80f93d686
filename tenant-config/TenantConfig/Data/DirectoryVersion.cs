namespace Sintestesia.TenantConfig.Data;

/// <summary>
/// A single-row counter that database triggers bump on every change to <c>tenant_clients</c> or
/// <c>twilio_accounts</c>, so gateways can poll one integer instead of re-reading every tenant.
/// </summary>
public sealed class DirectoryVersion
{
    public int Id { get; set; }
    public long Version { get; set; }
}
