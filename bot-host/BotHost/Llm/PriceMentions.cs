using System.Globalization;
using System.Text.RegularExpressions;

namespace Sintestesia.BotHost.Llm;

/// <summary>A price written in an answer: the text as written and the amount's digits with their separators.</summary>
internal sealed record PriceMention(string Text, string Amount)
{
    /// <summary>
    /// The amount read the Chilean way ("." groups thousands, "," marks decimals) and the English way; a model may
    /// write either, and a match on either reading is a match.
    /// </summary>
    public IEnumerable<decimal> Readings()
    {
        var chilean = Amount.Replace(".", string.Empty, StringComparison.Ordinal).Replace(',', '.');
        if (decimal.TryParse(chilean, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            yield return value;
        }

        var english = Amount.Replace(",", string.Empty, StringComparison.Ordinal);
        if (decimal.TryParse(english, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            yield return value;
        }
    }
}

/// <summary>
/// Finds prices in free text: an amount after <c>$</c>, <c>US$</c>, <c>CLP</c> or <c>CLP$</c>, or before
/// <c>pesos</c> or <c>CLP</c> ("$12.990", "$ 12.990", "CLP 12990", "12.990 pesos"). Bare numbers are not prices:
/// "PlayStation 5" or "quedan 3" are left alone.
/// </summary>
internal static partial class PriceMentions
{
    public static IEnumerable<PriceMention> Find(string text) =>
        PricePattern().Matches(text).Select(m => new PriceMention(m.Value, m.Groups["amount"].Value));

    /// <summary>Whether the text is one price and nothing else, as in a bold "*$12.990*".</summary>
    public static bool IsOnlyPrice(string text)
    {
        var trimmed = text.Trim();
        return PricePattern().Match(trimmed) is { Success: true } match && match.Length == trimmed.Length;
    }

    [GeneratedRegex(
        @"(?:\b(?:CLP|US)\s?\$?|\$)\s?(?<amount>\d(?:[\d.,]*\d)?)|(?<amount>\d(?:[\d.,]*\d)?)\s?(?:pesos|CLP)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PricePattern();
}
