using Sintestesia.BotHost.Search;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Engine;

/// <summary>Which products answer a question: one, several, or none.</summary>
internal sealed record ProductChoice(IReadOnlyList<Product> Products, bool IsCategory)
{
    public static readonly ProductChoice None = new([], false);

    private const double ListFloor = 0.6;

    public bool IsSingle => Products.Count == 1 && !IsCategory;

    /// <summary>
    /// Reads search matches the way a shop assistant would. A product answers only if its name or category holds
    /// at least half the question's words (all of them, for a description). A list question with a category word
    /// ("que accesorios tienen") lists that category, best matches first; matches sharing only a category
    /// ("consolas") are a list too. Among equal name matches the one whose name the question covers most wins
    /// ("switch" → Nintendo Switch, not the Switch OLED).
    /// </summary>
    public static ProductChoice From(IReadOnlyList<ProductMatch> matches, bool listAsked)
    {
        var useful = matches.Where(m => m.Weight > 0 && m.Answers).ToList();
        if (useful.Count == 0)
        {
            return None;
        }

        if (listAsked)
        {
            var inCategory = useful.Where(m => m.CategoryTerms > 0).ToList();
            var pool = inCategory.Count > 1 ? inCategory : useful;
            var floor = pool.Max(m => m.Weight) * ListFloor;
            var listed = pool.Where(m => m.Weight >= floor).OrderByDescending(m => m.Weight).ThenByDescending(m => m.Relevance).ToList();
            if (listed.Count > 1)
            {
                return new ProductChoice([.. listed.Select(m => m.Product)], IsCategory: true);
            }
        }

        var wholeCategory = useful.Where(m => m.CategoryCoversQuery).ToList();
        if (wholeCategory.Count > 1 && !useful.Any(m => m.QueryCoverage >= 1 && m.NameHits > m.CategoryTerms))
        {
            return new ProductChoice([.. wholeCategory.Select(m => m.Product)], IsCategory: true);
        }

        var best = useful.Max(m => m.Weight);
        var top = useful.Where(m => m.Weight == best).ToList();
        if (top.All(m => m.NameHits == 0) && top.Any(m => m.CategoryHits > 0))
        {
            return new ProductChoice([.. top.Where(m => m.CategoryHits > 0).Select(m => m.Product)], IsCategory: true);
        }

        if (top.Count == 1)
        {
            return new ProductChoice([top[0].Product], false);
        }

        var widest = top.Max(m => m.NameCoverage);
        var covering = top.Where(m => m.NameCoverage == widest).ToList();
        return covering.Count == 1
            ? new ProductChoice([covering[0].Product], false)
            : new ProductChoice([.. top.Select(m => m.Product)], false);
    }
}
