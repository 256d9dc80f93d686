using System.Text.RegularExpressions;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.TenantConfig.Settings;

/// <summary>How a shop's assistant behaves: currency, opening hours and their time zone, language model and persona.</summary>
public sealed partial record TenantSettings(string Currency, string? BusinessHours, string TimeZone, bool LlmEnabled, string? LlmPersona)
{
    /// <summary>The time zone of shops that set none: the platform's shops are Chilean.</summary>
    public const string DefaultTimeZone = "America/Santiago";

    public const int MaxBusinessHoursLength = 200;

    public const int MaxPersonaLength = 2000;

    /// <summary>The settings as the bot applies them: an unset time zone is <see cref="DefaultTimeZone"/>.</summary>
    public static TenantSettings Of(TenantClient tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return new(tenant.Currency, tenant.BusinessHours, tenant.TimeZone ?? DefaultTimeZone, tenant.LlmEnabled, tenant.LlmPersona);
    }

    /// <summary>An ISO 4217 code is three upper-case letters (CLP, USD, EUR).</summary>
    public static bool IsValidCurrency(string? currency) => currency is not null && CurrencyPattern().IsMatch(currency);

    /// <summary>
    /// An IANA name this machine knows. Windows names (<c>Pacific SA Standard Time</c>) resolve on Linux too, but
    /// are refused so every host, and every reader of the database, understands the stored name alike.
    /// </summary>
    public static bool IsKnownTimeZone(string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            return false;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZone).HasIanaId;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();
}
