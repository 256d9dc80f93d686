using System.Globalization;

namespace Sintestesia.BotHost.Tests.Hours;

/// <summary>
/// Opening hours that are surely open or surely closed right now, computed from the real clock with hours of margin:
/// the bot host runs on the system clock (see <c>TimeProviderRegistrationTests</c>), so the test picks the hours.
/// </summary>
internal static class ShopClock
{
    public const string Santiago = "America/Santiago";

    private static readonly string[] Days = ["dom", "lun", "mar", "mie", "jue", "vie", "sab"];

    /// <summary>Every day from 09:00 to 15:00: open where it is noon now, closed where it is midnight.</summary>
    public const string MiddayHours = "lun-dom 09:00-15:00";

    /// <summary>Hours on the day after tomorrow in Santiago only, so never now.</summary>
    public static string SantiagoHoursNotToday()
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(Santiago));
        return $"{Days[(int)local.AddDays(2).DayOfWeek]} 09:00-19:00";
    }

    /// <summary>A fixed-offset IANA zone (no daylight saving) where the local hour is <paramref name="hour"/> right now.</summary>
    public static string ZoneWhereItIs(int hour)
    {
        var offset = (((hour - DateTimeOffset.UtcNow.Hour) % 24) + 24) % 24;
        if (offset > 14)
        {
            offset -= 24;
        }

        // IANA's Etc zones count the other way round: Etc/GMT-3 is UTC+3.
        return offset switch
        {
            0 => "Etc/GMT",
            > 0 => "Etc/GMT-" + offset.ToString(CultureInfo.InvariantCulture),
            _ => "Etc/GMT+" + (-offset).ToString(CultureInfo.InvariantCulture),
        };
    }
}
