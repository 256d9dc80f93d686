using Sintestesia.BotHost.Search;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Settings;

namespace Sintestesia.BotHost.Engine;

/// <summary>The shop assistant's sentences. Every product, price and stock figure comes from the catalog.</summary>
internal sealed class CatalogAnswers(ShopProfile shop, CatalogIndex index)
{
    public const int MaxListed = 8;

    public string Welcome()
    {
        var categories = index.Categories.Count > 0 ? $" Tenemos {Join(index.Categories)}." : string.Empty;
        return $"¡Hola! Te damos la bienvenida a {shop.Name}.{categories} ¿Qué estás buscando? Escríbeme el nombre de un producto y te digo precio y stock.";
    }

    public string Describe(Product p, Intent asked, IReadOnlyList<ProductMatch> related)
    {
        if (p.Stock <= 0)
        {
            return $"*{p.Name}* ({Price(p)}) está agotado por ahora.{Alternatives(p, related)}";
        }

        var units = p.Stock == 1 ? "queda 1 unidad" : $"tenemos {p.Stock} unidades";
        return asked switch
        {
            Intent.Price => $"*{p.Name}* cuesta {Price(p)} y {units}.",
            Intent.Stock => $"¡Sí! De *{p.Name}* {units}. Su precio es {Price(p)}.",
            _ => $"*{p.Name}*: {Price(p)}. {char.ToUpperInvariant(units[0])}{units[1..]}.{Detail(p)}",
        };
    }

    public string List(IReadOnlyList<Product> products, string? heading = null)
    {
        var lines = products.Take(MaxListed).Select((p, i) => $"{i + 1}. *{p.Name}*: {Price(p)}{(p.Stock > 0 ? string.Empty : " (agotado)")}");
        var more = products.Count > MaxListed ? $"\n…y {products.Count - MaxListed} más; pregúntame por el que buscas." : string.Empty;
        return $"{heading ?? "Tenemos estas opciones:"}\n{string.Join('\n', lines)}{more}\n¿Cuál te interesa? Puedes responder con el número.";
    }

    public string Catalog()
    {
        var lines = index.Categories.Select(c => $"• {c} ({index.CategorySizes[c]})");
        return $"Nuestras categorías en {shop.Name}:\n{string.Join('\n', lines)}\nPregúntame por una categoría o un producto.";
    }

    public string NotFound() => index.Categories.Count > 0
        ? $"No encontré ese producto en {shop.Name}. Puedes preguntarme por {Join(index.Categories)}."
        : $"No encontré ese producto en {shop.Name}.";

    public static string AskWhichProduct(Intent asked) => asked == Intent.Stock
        ? "¿De qué producto quieres saber el stock? Escríbeme su nombre."
        : "¿De qué producto quieres saber el precio? Escríbeme su nombre.";

    public string Thanks() => $"¡De nada! Si necesitas algo más de {shop.Name}, aquí estoy.";

    public string Goodbye() => $"¡Hasta pronto! Gracias por escribir a {shop.Name}.";

    public string Help() =>
        $"Puedo ayudarte con los productos de {shop.Name}: escribe el nombre de un producto para ver precio y stock, una categoría ({Join(index.Categories)}) o «catálogo». " +
        "Si prefieres hablar con una persona, escribe «humano». Para no recibir más mensajes, escribe BAJA.";

    public string Handoff() => $"Listo, le aviso a una persona del equipo de {shop.Name} para que te responda por aquí. Mientras tanto no responderé automáticamente.";

    public string OptedOut() => $"Listo, no te enviaremos más mensajes de {shop.Name}. Si cambias de opinión, escribe ALTA.";

    public string OptedIn() => $"¡Qué bueno tenerte de vuelta! Volverás a recibir respuestas de {shop.Name}.";

    public static string OutOfHoursNote(BusinessHours hours) =>
        $"\n\n(Ahora estamos fuera de horario; atendemos {hours.Text}. Te respondo con la información del catálogo y una persona te contactará en horario de atención si lo necesitas.)";

    /// <summary>In-stock products of the same category, the most relevant to the question first.</summary>
    private string Alternatives(Product p, IReadOnlyList<ProductMatch> related)
    {
        var sameKind = related.Select(m => m.Product)
            .Concat(index.Products)
            .Where(o => o.Id != p.Id && o.Stock > 0 && string.Equals(o.Category, p.Category, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(o => o.Id)
            .Take(3)
            .ToList();
        return sameKind.Count == 0
            ? " Pregúntame por otro producto y te ayudo."
            : $" Te puedo ofrecer: {string.Join(", ", sameKind.Select(o => $"*{o.Name}* ({Price(o)})"))}.";
    }

    private static string Detail(Product p) =>
        string.IsNullOrWhiteSpace(p.Description) ? string.Empty : $" {p.Description.Trim()}";

    private string Price(Product p) => shop.FormatPrice(p.Price);

    private static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} y {items[^1]}",
    };
}
