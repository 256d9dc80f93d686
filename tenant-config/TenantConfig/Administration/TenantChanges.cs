namespace Sintestesia.TenantConfig.Administration;

/// <summary>
/// What one update asks to change. Null leaves a field as it is; an empty string clears business hours,
/// time zone (back to the default), persona and bot pool (back to the default).
/// </summary>
public sealed record TenantChanges
{
    public string? Name { get; init; }

    public string? Status { get; init; }

    /// <summary>ISO 4217 code, three upper-case letters.</summary>
    public string? Currency { get; init; }

    /// <summary>Opening hours as <see cref="Settings.BusinessHours"/> reads them, in the shop's time zone.</summary>
    public string? BusinessHours { get; init; }

    /// <summary>IANA time zone name.</summary>
    public string? TimeZone { get; init; }

    public bool? LlmEnabled { get; init; }

    public string? LlmPersona { get; init; }

    /// <summary>Webhook requests per minute the gateway accepts for the shop; null leaves the limit as it is.</summary>
    public RateLimitChange? RateLimit { get; init; }

    /// <summary>The bot-host pool that serves the shop (it must exist); an empty string returns it to the default pool.</summary>
    public string? BotPool { get; init; }
}
