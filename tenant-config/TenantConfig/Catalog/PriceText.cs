using System.Globalization;
using System.Text.RegularExpressions;

namespace Sintestesia.TenantConfig.Catalog;

/// <summary>
/// Reads a price as shops write it in a spreadsheet: <c>19990</c>, <c>19990.5</c>, Chilean <c>$19.990</c> or
/// <c>19.990,50</c>. A dot followed by exactly three digits is a thousands separator, never a decimal point,
/// so "19.990" can never become 19.99.
/// </summary>
public static partial class PriceText
{
    public static decimal? Parse(string? text)
    {
        var s = text?.Replace("$", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(s))
        {
            return null;
        }

        if (Chilean().IsMatch(s))
        {
            s = s.Replace(".", string.Empty, StringComparison.Ordinal).Replace(',', '.');
        }
        else if (CommaDecimal().IsMatch(s))
        {
            s = s.Replace(',', '.');
        }
        else if (!Plain().IsMatch(s))
        {
            return null;
        }

        return decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) ? price : null;
    }

    [GeneratedRegex(@"^\d{1,3}(\.\d{3})+(,\d{1,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Chilean();

    [GeneratedRegex(@"^\d+,\d{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex CommaDecimal();

    [GeneratedRegex(@"^\d+(\.(\d{1,2}|\d{4,}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Plain();
}
