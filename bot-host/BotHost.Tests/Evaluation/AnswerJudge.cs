using System.Text.RegularExpressions;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Tests.Evaluation;

/// <summary>
/// Decides whether an answer does what a shopper needed: the right kind of answer, the products and prices
/// expected, none of those that must not appear, in-stock alternatives for a sold-out product, the item picked
/// from the last list. A product question answered with a list that holds the product counts as answered.
/// </summary>
internal sealed partial class AnswerJudge(IReadOnlyList<Product> catalog)
{
    private static readonly HashSet<string> ProductFamily = new(StringComparer.Ordinal) { "product", "price", "stock", "select" };

    /// <returns>Null when the answer is right, else why not.</returns>
    public string? Judge(Expectation expect, string answer, string? intent, IReadOnlyList<string> lastList)
    {
        if (expect.Intent == "silent")
        {
            return answer.Length == 0 ? null : "expected silence";
        }

        var intentOk = intent == expect.Intent
            || (ProductFamily.Contains(expect.Intent) && (ProductFamily.Contains(intent ?? string.Empty) || intent == "list"));
        if (!intentOk)
        {
            return $"intent {intent}, expected {expect.Intent}";
        }

        foreach (var mention in expect.Mentions ?? [])
        {
            if (!answer.Contains(mention, StringComparison.OrdinalIgnoreCase))
            {
                return $"missing '{mention}'";
            }
        }

        foreach (var absent in expect.Absent ?? [])
        {
            if (answer.Contains(absent, StringComparison.OrdinalIgnoreCase))
            {
                return $"names '{absent}', which must not appear";
            }
        }

        if (expect.AlternativesInCategory && AlternativesMissing(answer) is { } why)
        {
            return why;
        }

        if (expect.SameAsListedPosition is { } position)
        {
            if (position > lastList.Count)
            {
                return $"no item {position} in the last list";
            }

            if (!answer.Contains(lastList[position - 1], StringComparison.Ordinal))
            {
                return $"expected item {position} of the last list, '{lastList[position - 1]}'";
            }
        }

        return null;
    }

    /// <summary>The product names of a numbered list answer ("2. *Name*: $…"), in order.</summary>
    public static IReadOnlyList<string> ListedNames(string answer) =>
        [.. ListLine().Matches(answer).Select(m => m.Groups[1].Value)];

    private string? AlternativesMissing(string answer)
    {
        if (!answer.Contains("agotad", StringComparison.OrdinalIgnoreCase))
        {
            return "does not say it is agotado";
        }

        var soldOut = catalog.Where(p => p.Stock == 0 && answer.Contains(p.Name, StringComparison.Ordinal)).ToList();
        var offered = catalog.Where(p => p.Stock > 0 && soldOut.Any(s => s.Category == p.Category) && answer.Contains(p.Name, StringComparison.Ordinal));
        return offered.Any() ? null : "offers no in-stock product of the same category";
    }

    [GeneratedRegex(@"^\d+\. \*(.+?)\*", RegexOptions.Multiline)]
    private static partial Regex ListLine();
}
