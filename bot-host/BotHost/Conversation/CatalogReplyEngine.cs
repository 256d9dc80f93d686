using System.Globalization;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Lookup;

namespace Sintestesia.BotHost.Conversation;

/// <summary>
/// A plain catalog answer, offline: a greeting lists a few products; a product's name, or words of it or of its
/// category, give name, price and stock; anything else gets a helpful "not found". Only the shop's own
/// active products are ever named.
/// </summary>
internal sealed class CatalogReplyEngine : IReplyEngine
{
    private const int MaxListed = 8;
    private static readonly CultureInfo Chile = CultureInfo.GetCultureInfo("es-CL");

    private static readonly HashSet<string> Greetings = new(StringComparer.Ordinal)
    {
        "hola", "buenas", "buenos", "buen", "alo", "hello", "hi", "saludos", "wena", "wenas", "holi",
    };

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "que", "q", "tienes", "tienen", "tiene", "hay", "de", "del", "la", "las", "el", "los", "un", "una", "unos", "unas",
        "me", "mi", "por", "para", "con", "y", "o", "a", "en", "es", "son", "cuanto", "cuesta", "vale", "precio", "stock",
        "quiero", "busco", "necesito", "venden", "vendes", "muestrame", "muestra", "dame", "favor", "porfa", "tu", "su", "sus",
        "dias", "tardes", "noches", "hola", "buenas", "buenos", "al", "lo", "le", "se", "si", "no", "como", "cual", "cuales",
    };

    public string Reply(ShopContext shop, string message)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var catalog = shop.Products.Where(p => p.Status == ProductStatus.Active).ToList();
        var text = NameNormalizer.Normalize(message ?? string.Empty);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var terms = words.Where(w => !StopWords.Contains(w)).Select(Stem).Distinct().ToArray();

        if (terms.Length == 0)
        {
            return words.Any(Greetings.Contains) || words.Length == 0 ? Welcome(shop.Name, catalog) : NotFound(shop.Name, catalog);
        }

        // A product named in full wins outright ("northern lights").
        var named = catalog.Where(p => $" {text} ".Contains($" {NameNormalizer.Normalize(p.Name)} ", StringComparison.Ordinal))
            .OrderByDescending(p => p.Name.Length).FirstOrDefault();
        if (named is not null)
        {
            return Describe(named);
        }

        var scored = catalog.Select(p => (Product: p, Score: Score(p, terms))).Where(x => x.Score > 0).ToList();
        if (scored.Count == 0)
        {
            return NotFound(shop.Name, catalog);
        }

        var best = scored.Max(x => x.Score);
        var top = scored.Where(x => x.Score == best).Select(x => x.Product).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        return top.Count == 1 ? Describe(top[0]) : List(top);
    }

    /// <summary>
    /// Each query term found among the product's name words counts 2, among its category words 1. A bare number
    /// ("5") only adds to a product that a word already matched, so "PlayStation 5" never picks "Flor CBD 5 g".
    /// </summary>
    private static int Score(Product product, string[] terms)
    {
        var name = Words(product.Name);
        var category = Words(product.Category ?? string.Empty);
        int Of(string t) => name.Any(w => Matches(w, t)) ? 2 : category.Any(w => Matches(w, t)) ? 1 : 0;
        var byWords = terms.Where(t => !t.All(char.IsAsciiDigit)).Sum(Of);
        return byWords == 0 ? 0 : byWords + terms.Where(t => t.All(char.IsAsciiDigit)).Sum(Of);
    }

    private static bool Matches(string word, string term) => word == term || (term.Length >= 4 && word.StartsWith(term, StringComparison.Ordinal));

    private static string[] Words(string text) => [.. NameNormalizer.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Stem)];

    /// <summary>Spanish plurals to singular, roughly: "consolas" → "consola", "collares" → "collar".</summary>
    private static string Stem(string word) =>
        word.Length > 4 && word.EndsWith("es", StringComparison.Ordinal) && !"aeiou".Contains(word[^3], StringComparison.Ordinal) ? word[..^2]
        : word.Length > 3 && word.EndsWith('s') ? word[..^1]
        : word;

    private static string Describe(Product p) => p.Stock > 0
        ? $"{p.Name}: {Price(p.Price)}. Tenemos {p.Stock} {(p.Stock == 1 ? "unidad disponible" : "unidades disponibles")}."
        : $"{p.Name}: {Price(p.Price)}. Por ahora está agotado.";

    private static string List(List<Product> products)
    {
        var lines = products.Take(MaxListed).Select(p => $"• {p.Name}: {Price(p.Price)}{(p.Stock > 0 ? string.Empty : " (agotado)")}");
        var more = products.Count > MaxListed ? $"\n…y {products.Count - MaxListed} más." : string.Empty;
        return $"Tenemos estas opciones:\n{string.Join('\n', lines)}{more}\n¿Cuál te interesa?";
    }

    private static string Welcome(string shop, List<Product> catalog)
    {
        var some = catalog.Where(p => p.Stock > 0).Take(3).Select(p => $"{p.Name} ({Price(p.Price)})").ToList();
        return some.Count == 0
            ? $"¡Hola! Bienvenido a {shop}. Escríbeme qué producto buscas."
            : $"¡Hola! Bienvenido a {shop}. Algunos de nuestros productos: {string.Join(", ", some)}. Escríbeme el nombre de un producto para ver su precio y stock.";
    }

    /// <summary>Never echoes the shopper's words: a product of another shop named by the shopper must not appear in this shop's answer.</summary>
    private static string NotFound(string shop, List<Product> catalog)
    {
        var categories = catalog.Select(p => p.Category).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Take(6).ToList();
        var suggestion = categories.Count > 0 ? $" Puedes preguntarme por: {string.Join(", ", categories)}." : string.Empty;
        return $"No encontré ese producto en el catálogo de {shop}.{suggestion}";
    }

    private static string Price(decimal price) => "$" + price.ToString("N0", Chile);
}
