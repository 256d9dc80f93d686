using Sintestesia.TenantConfig.Catalog;

namespace Sintestesia.BotHost.Bench.Catalog;

/// <summary>A generated product with the words it was made of, so shoppers can ask for it the way people do.</summary>
internal sealed record GeneratedProduct(ProductInput Input, CategoryWords Category, string Noun, string Brand, string Line, string Variant);

/// <summary>
/// Realistic catalogs of any size. Product <c>i</c> depends only on <c>i</c>, so the first ten products of the
/// 10,000-product catalog are the ten-product catalog: both shops can be asked the very same questions. Names are
/// distinct up to 1,152 products per category (11,520 in all); beyond that they repeat.
/// </summary>
internal static class ProductGenerator
{
    private const int Seed = 20_261_125;
    /// <summary>A prime, so stepping by it visits every name of a category before repeating one.</summary>
    private const int NameStride = 7919;

    private static readonly int[] WarrantyMonths = [3, 6, 12];

    public static IReadOnlyList<GeneratedProduct> Generate(int count) =>
        [.. Enumerable.Range(0, count).Select(Product)];

    private static GeneratedProduct Product(int i)
    {
        // Knuth's multiplicative hash spreads neighbouring seeds, whose first draws would otherwise be alike.
        var random = new Random(unchecked((int)((uint)(i + 1) * 2_654_435_761u) ^ Seed));
        var (j, categoryIndex) = Math.DivRem(i, CategoryWords.All.Length);
        var category = CategoryWords.All[categoryIndex];
        string Pick(string[] words) => words[random.Next(words.Length)];

        // The j-th product of a category gets the j-th name of a fixed shuffle of all its names: no two alike.
        var names = category.Nouns.Length * category.Brands.Length * category.Lines.Length * category.Variants.Length;
        var combination = (int)((((long)j * NameStride) + (categoryIndex * 101)) % names);
        var variant = category.Variants[combination % category.Variants.Length];
        combination /= category.Variants.Length;
        var line = category.Lines[combination % category.Lines.Length];
        combination /= category.Lines.Length;
        var brand = category.Brands[combination % category.Brands.Length];
        var noun = category.Nouns[combination / category.Brands.Length];
        var price = (random.Next(category.MinPrice, category.MaxPrice) / 1000 * 1000) + 990;
        var stock = random.Next(8) == 0 ? 0 : random.Next(1, 120);
        var description = $"{noun} de {Pick(category.Materials)}, ideal para {Pick(category.Uses)}. "
            + $"Garantía de {WarrantyMonths[random.Next(WarrantyMonths.Length)]} meses.";

        var input = new ProductInput(
            Id: null,
            Name: $"{noun} {brand} {line} {variant}",
            Price: price,
            Stock: stock,
            Status: "Active",
            Category: category.Name,
            Description: description);
        return new GeneratedProduct(input, category, noun, brand, line, variant);
    }
}
