namespace Sintestesia.TenantConfig.Lookup;

/// <summary>What routing needs to know about a tenant; immutable, shared by every request.</summary>
public sealed record TenantRecord(string Id, string Name, string Slug, string Status, DateTime CreatedAt)
{
    public bool IsActive => Status == Data.TenantStatus.Active;

    /// <summary>The shop's own webhook rate limit, or null for the gateway's default (also when plain SQL stored a value out of range).</summary>
    public int? RateLimitPerMinute { get; init; }

    /// <summary>The bot-host pool serving this shop, or null for the gateway's default pool.</summary>
    public string? BotPool { get; init; }
}

/// <summary>How a tenant was found: the value written to logs and to the contract's <c>resolved_by</c>.</summary>
public enum ResolvedBy
{
    Slug,
    Id,
    Name,
    Host,
    Body,
    TwilioNumber,
    MessagingService,
    TwilioAccountNumber,
    MetaPhoneNumber,
    LegacyDefault,
}

public static class ResolvedByNames
{
    public static string ToContractName(this ResolvedBy by) => by switch
    {
        ResolvedBy.Slug => "slug",
        ResolvedBy.Id => "id",
        ResolvedBy.Name => "name",
        ResolvedBy.Host => "host",
        ResolvedBy.Body => "body",
        ResolvedBy.TwilioNumber => "twilio_number",
        ResolvedBy.MessagingService => "messaging_service",
        ResolvedBy.TwilioAccountNumber => "twilio_account_number",
        ResolvedBy.MetaPhoneNumber => "meta_phone_number_id",
        ResolvedBy.LegacyDefault => "legacy_default",
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, null),
    };
}
