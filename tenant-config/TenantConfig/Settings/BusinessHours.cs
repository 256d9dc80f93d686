using System.Globalization;
using System.Text.RegularExpressions;

namespace Sintestesia.TenantConfig.Settings;

/// <summary>
/// Opening hours written the way a shop would: <c>lun-vie 09:00-19:00; sab 10:00-14:00</c> (days lun mar mie
/// jue vie sab dom, ranges or comma lists), in the shop's IANA time zone.
/// </summary>
public sealed partial class BusinessHours
{
    private static readonly string[] Days = ["dom", "lun", "mar", "mie", "jue", "vie", "sab"];

    private readonly List<(bool[] Days, TimeOnly From, TimeOnly To)> _spans;
    private readonly TimeZoneInfo _zone;

    private BusinessHours(string text, List<(bool[], TimeOnly, TimeOnly)> spans, TimeZoneInfo zone)
    {
        Text = text;
        _spans = spans;
        _zone = zone;
    }

    public string Text { get; }

    public bool IsOpen(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, _zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return _spans.Any(s => s.Days[(int)local.DayOfWeek] && time >= s.From && time < s.To);
    }

    /// <summary>The parsed hours, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static BusinessHours? TryParse(string? text, string? timeZone, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone ?? TenantSettings.DefaultTimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            error = $"The time zone '{timeZone}' is unknown; use an IANA name such as America/Santiago.";
            return null;
        }

        var spans = new List<(bool[], TimeOnly, TimeOnly)>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var m = Span().Match(Fold(part));
            if (!m.Success || !TryDays(m.Groups["days"].Value, out var days)
                || !TimeOnly.TryParseExact(m.Groups["from"].Value, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || !TimeOnly.TryParseExact(m.Groups["to"].Value, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
                || to <= from)
            {
                error = $"'{part}' is not like 'lun-vie 09:00-19:00' (days lun mar mie jue vie sab dom; opening before closing).";
                return null;
            }

            spans.Add((days, from, to));
        }

        return spans.Count == 0 ? null : new BusinessHours(text.Trim(), spans, zone);
    }

    /// <summary>Days as "lun-vie", "sab", or "lun,mie,vie"; a range may wrap ("vie-lun").</summary>
    private static bool TryDays(string text, out bool[] days)
    {
        days = new bool[7];
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = item.Split('-', StringSplitOptions.TrimEntries);
            var first = Array.IndexOf(Days, bounds[0]);
            var last = Array.IndexOf(Days, bounds[^1]);
            if (bounds.Length > 2 || first < 0 || last < 0)
            {
                return false;
            }

            for (var d = first; ; d = (d + 1) % 7)
            {
                days[d] = true;
                if (d == last)
                {
                    break;
                }
            }
        }

        return true;
    }

    private static string Fold(string text) =>
        string.Concat(text.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)).ToLowerInvariant().Trim();

    [GeneratedRegex(@"^(?<days>[a-z, -]+?)\s+(?<from>\d{1,2}:\d{2})\s*-\s*(?<to>\d{1,2}:\d{2})$")]
    private static partial Regex Span();
}
