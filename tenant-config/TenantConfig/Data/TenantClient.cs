namespace Sintestesia.TenantConfig.Data;

/// <summary>A shop on the platform (table <c>tenant_clients</c>, the seed's names).</summary>
public sealed class TenantClient
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary><c>active</c> or <c>inactive</c>; inactive tenants are not routed.</summary>
    public string Status { get; set; } = TenantStatus.Active;

    public List<TwilioAccount> TwilioAccounts { get; } = [];
}

public static class TenantStatus
{
    public const string Active = "active";
    public const string Inactive = "inactive";

    public static bool IsValid(string? status) => status is Active or Inactive;
}
