using Sintestesia.BotHost.Bench.Catalog;

namespace Sintestesia.BotHost.Bench.Shoppers;

/// <summary>
/// The conversations shoppers hold, about the products both shops sell: product names with typos, price and
/// stock follow-ups, category lists and picks from them, greetings, the catalog, things the shop does not sell.
/// </summary>
internal static class ShopperScript
{
    private static readonly string[] NotSold =
        ["bicicletas electricas", "neumaticos", "pasajes de avion", "seguros de vida", "arriendo de departamentos", "entradas al estadio"];

    // Each template gets the product and its position, which picks the kind of typo and the thing not sold.
    private static readonly Func<GeneratedProduct, int, string[]>[] Templates =
    [
        (p, k) => ["hola", $"tienes {Typos.Slip($"{p.Noun} {p.Brand}", k)}?", "y cuanto cuesta?", "ya gracias"],
        (p, _) => [$"que {p.Category.Plural} tienen?", "el 2", "hay stock?"],
        (p, k) => [$"cuanto sale la {Typos.Slip($"{p.Brand} {p.Line}", k)}", "y quedan?"],
        (p, k) => ["buenas tardes", $"venden {NotSold[k % NotSold.Length]}?", $"muestrame las {p.Category.Plural}", "la primera"],
        (p, k) => ["que venden?", $"busco {Typos.Slip($"{p.Noun} {p.Line}", k)} {Typos.Fold(p.Variant)}", "gracias!"],
        (p, _) => ["wena", $"precio de la {Typos.Fold(p.Input.Name!)}?", "chao"],
    ];

    /// <summary>How many kinds of conversation there are: the first this many conversations hold one of each.</summary>
    public static int Kinds => Templates.Length;

    /// <summary>Every template about every product, in a fixed order.</summary>
    public static IReadOnlyList<string[]> Conversations(IReadOnlyList<GeneratedProduct> products)
    {
        ArgumentNullException.ThrowIfNull(products);
        var conversations = new List<string[]>(products.Count * Templates.Length);
        for (var c = 0; c < products.Count * Templates.Length; c++)
        {
            var product = c / Templates.Length;
            conversations.Add(Templates[c % Templates.Length](products[product], product));
        }

        return conversations;
    }
}
