using System.Text.RegularExpressions;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Lookup;

namespace Sintestesia.BotHost.Llm;

/// <summary>The outcome of <see cref="GroundingCheck"/>; <see cref="Reason"/> completes "The answer …" and never quotes it.</summary>
internal sealed record GroundingVerdict(bool Accepted, string? Reason)
{
    public static GroundingVerdict Accept { get; } = new(true, null);

    public static GroundingVerdict Reject(string reason) => new(false, reason);
}

/// <summary>
/// Accepts a model's answer only if everything it says about the catalog comes from the retrieved products:
/// every bold <c>*…*</c> segment is a retrieved product's name (accents, case and punctuation aside), every price
/// equals a retrieved product's price, the text is non-empty and at most <see cref="MaxLength"/> characters, and a
/// retrieved product with no stock is only named together with the word "agotado" (or "sin stock").
/// </summary>
/// <remarks>
/// The stock rule is a deliberately simple heuristic: it does not tell which product the "agotado" belongs to, so an
/// answer naming a sold-out and an in-stock product passes if it says "agotado" anywhere. Product names written
/// without asterisks cannot be told from ordinary words and are not checked; the prompt asks for the asterisks.
/// Prices the model computes itself (totals, discounts) fail on purpose.
/// </remarks>
internal static partial class GroundingCheck
{
    public const int MaxLength = 1000;

    private static readonly string[] SoldOutWords = ["agotad", "sin stock"];

    public static GroundingVerdict Check(string? answer, IReadOnlyList<Product> retrieved, Func<decimal, string> formatPrice)
    {
        ArgumentNullException.ThrowIfNull(retrieved);
        ArgumentNullException.ThrowIfNull(formatPrice);
        if (string.IsNullOrWhiteSpace(answer))
        {
            return GroundingVerdict.Reject("is empty");
        }

        if (answer.Length > MaxLength)
        {
            return GroundingVerdict.Reject($"is {answer.Length} characters long, more than the {MaxLength} allowed");
        }

        var names = retrieved.Select(p => NameNormalizer.Normalize(p.Name)).ToHashSet(StringComparer.Ordinal);
        var boldCount = 0;
        foreach (Match bold in BoldPattern().Matches(answer))
        {
            boldCount++;
            var segment = bold.Groups["text"].Value;
            if (!names.Contains(NameNormalizer.Normalize(segment)) && !PriceMentions.IsOnlyPrice(segment))
            {
                return GroundingVerdict.Reject($"writes in bold (segment {boldCount}) a name that is not one of the {retrieved.Count} retrieved products");
            }
        }

        var prices = PriceMentions.Find(answer).ToList();
        var unknownPrice = prices.FindIndex(mention => !retrieved.Any(p => Quotes(mention, p.Price, formatPrice)));
        if (unknownPrice >= 0)
        {
            return GroundingVerdict.Reject($"quotes a price (number {unknownPrice + 1} of {prices.Count}) that no retrieved product has");
        }

        var folded = $" {NameNormalizer.Normalize(answer)} ";
        var namesSoldOut = retrieved.Any(p => p.Stock <= 0 && folded.Contains($" {NameNormalizer.Normalize(p.Name)} ", StringComparison.Ordinal));
        if (namesSoldOut && !SoldOutWords.Any(word => folded.Contains(word, StringComparison.Ordinal)))
        {
            return GroundingVerdict.Reject("names a retrieved product that has no stock without saying it is agotado");
        }

        return GroundingVerdict.Accept;
    }

    private static bool Quotes(PriceMention mention, decimal price, Func<decimal, string> formatPrice) =>
        string.Equals(WithoutSpaces(mention.Text), WithoutSpaces(formatPrice(price)), StringComparison.OrdinalIgnoreCase)
        || mention.Readings().Contains(price);

    private static string WithoutSpaces(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [GeneratedRegex(@"\*(?<text>[^*\n]+)\*")]
    private static partial Regex BoldPattern();
}
