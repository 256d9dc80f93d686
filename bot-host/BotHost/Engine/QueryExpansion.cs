using System.Text.RegularExpressions;

namespace Sintestesia.BotHost.Engine;

/// <summary>
/// Shorthand shoppers use that no catalog spells out ("ps5", "la play 5", "fifa"), and diminutives
/// ("bolsitas" → bolsas), rewritten the catalog's way.
/// </summary>
internal static class QueryExpansion
{
    private static readonly (Regex Pattern, string Replacement)[] Rules =
    [
        (new Regex(@"\b(?:ps|play ?station|play) ?(\d)\b", RegexOptions.CultureInvariant), "playstation $1 ps$1"),
        (new Regex(@"\bfifa\b", RegexOptions.CultureInvariant), "fc"),
        (new Regex(@"\b(\w{3,}?)(?:c|qu)?it([oa]s?)\b", RegexOptions.CultureInvariant), "$1$2"),
    ];

    /// <summary>The folded message with shorthand expanded.</summary>
    public static string Expand(string folded) =>
        Rules.Aggregate(folded, (text, rule) => rule.Pattern.Replace(text, rule.Replacement));
}
