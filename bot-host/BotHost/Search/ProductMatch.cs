using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Search;

/// <summary>
/// How well one product answers a question: which of the question's terms its name, category or description
/// hold (exactly, by stem, by a typo's distance or as a prefix), and Lucene's relevance for ordering.
/// </summary>
public sealed record ProductMatch(
    Product Product, int NameHits, int CategoryHits, int DescriptionHits, double NameCoverage, float Relevance, int CategoryTerms, double QueryCoverage)
{
    /// <summary>Name words outweigh category words, which outweigh description words.</summary>
    public int Weight => (3 * NameHits) + (2 * CategoryHits) + DescriptionHits;

    /// <summary>Every word of the question names this product's category ("pc gamer", "consolas").</summary>
    public bool CategoryCoversQuery { get; init; }

    /// <summary>The product's name or category speaks to the question; a description alone must match every word.</summary>
    public bool Answers => (NameHits + CategoryHits > 0 && QueryCoverage >= 0.5) || QueryCoverage >= 1;
}
