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

    /// <summary>ISO 4217 code prices are shown in; <c>CLP</c> unless set.</summary>
    public string Currency { get; set; } = "CLP";

    /// <summary>Opening hours such as <c>lun-vie 09:00-19:00; sab 10:00-14:00</c>; null = always open.</summary>
    public string? BusinessHours { get; set; }

    /// <summary>IANA time zone of the business hours; <c>America/Santiago</c> when null.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Whether a configured language model answers this shop's shoppers.</summary>
    public bool LlmEnabled { get; set; }

    /// <summary>How the shop's assistant should sound, given to the language model.</summary>
    public string? LlmPersona { get; set; }

    /// <summary>Webhook requests per minute the gateway accepts for this shop; null = the gateway's default.</summary>
    public int? RateLimitPerMinute { get; set; }

    /// <summary>The bot-host pool serving this shop (<c>bot_pools.id</c>); null = the gateway's default pool.</summary>
    public string? BotPoolId { get; set; }

    public List<TwilioAccount> TwilioAccounts { get; } = [];
}

public static class TenantStatus
{
    public const string Active = "active";
    public const string Inactive = "inactive";

    public static bool IsValid(string? status) => status is Active or Inactive;
}
