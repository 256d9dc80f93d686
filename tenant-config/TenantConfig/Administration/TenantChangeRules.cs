using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Settings;

namespace Sintestesia.TenantConfig.Administration;

/// <summary>The checks an update passes before the tenant is read; business hours also need its time zone.</summary>
internal static class TenantChangeRules
{
    public static AdminError? Check(TenantChanges changes)
    {
        if (changes.Name is not null && !TenantRules.IsValidName(changes.Name))
        {
            return Refuse.Invalid($"The name must be 1 to {TenantRules.MaxNameLength} characters.");
        }

        if (changes.Status is not null && !TenantStatus.IsValid(changes.Status))
        {
            return Refuse.Invalid($"The status '{changes.Status}' is not 'active' or 'inactive'.");
        }

        if (changes.Currency is not null && !TenantSettings.IsValidCurrency(changes.Currency.Trim()))
        {
            return Refuse.Invalid($"The currency '{changes.Currency}' is not an ISO 4217 code: use three upper-case letters such as CLP, USD or EUR.");
        }

        if (!IsBlank(changes.TimeZone) && !TenantSettings.IsKnownTimeZone(changes.TimeZone!.Trim()))
        {
            return Refuse.Invalid($"The time zone '{changes.TimeZone}' is unknown; use an IANA name such as America/Santiago, or an empty value for the default.");
        }

        if (changes.BusinessHours?.Trim().Length > TenantSettings.MaxBusinessHoursLength)
        {
            return Refuse.Invalid($"The business hours must be at most {TenantSettings.MaxBusinessHoursLength} characters.");
        }

        if (changes.LlmPersona?.Trim().Length > TenantSettings.MaxPersonaLength)
        {
            return Refuse.Invalid($"The persona must be at most {TenantSettings.MaxPersonaLength} characters; this one has {changes.LlmPersona.Trim().Length}.");
        }

        if (changes.RateLimit is { PerMinute: var perMinute } && !TenantRules.IsValidRateLimit(perMinute))
        {
            return Refuse.Invalid($"The rate limit must be 1 to {TenantRules.MaxRateLimitPerMinute} requests per minute, not {perMinute}; " +
                "to stop a shop, disable it, and to follow the gateway's default, give null (tenantctl: --rate-limit default).");
        }

        if (!IsBlank(changes.BotPool) && !BotPoolRules.IsValidId(changes.BotPool!.Trim()))
        {
            return Refuse.Invalid($"The bot pool '{changes.BotPool}' is not a pool name (a DNS label such as 'premium'); give an empty value for the default pool.");
        }

        return null;
    }

    /// <summary>Null (no change) or blank (clear): nothing to validate.</summary>
    public static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);

    /// <summary>The value to store for an optional text setting: unchanged, cleared, or trimmed.</summary>
    public static string? Apply(string? change, string? current) => change is null ? current : IsBlank(change) ? null : change.Trim();
}
