using Sintestesia.BotHost.Engine;
using Sintestesia.BotHost.Search;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Tests.Conversation;

/// <summary>Small hand-made catalogs; inactive and sold-out items come first so "the first few" would show them.</summary>
internal static class Catalogs
{
    public static ShopCatalog Acme() => Shop("acme-cannabis-2024", "ACME Cannabis Store", AcmeProducts);

    public static ShopCatalog Bravo() => Shop("bravo-gaming-2024", "Bravo Gaming", BravoProducts);

    /// <summary>Acme's real catalog has sizes in its names ("5 g", "5%"), as shoppers' questions have model numbers.</summary>
    public static ShopCatalog AcmeWithSizes() => Shop("acme-cannabis-2024", "ACME Cannabis Store",
    [
        .. AcmeProducts,
        Item("acme-009", "Flor CBD Harlequin 5 g", 14990, 18, "Flores"),
        Item("acme-013", "Aceite CBD 5% 10 ml", 24990, 14, "Aceites CBD"),
    ]);

    public static ShopCatalog Shop(string id, string name, IReadOnlyList<Product> products) =>
        new(new ShopProfile(id, name, "CLP", null, false, null), new CatalogIndex(products));

    private static readonly Product[] AcmeProducts =
    [
        Item("acme-016", "Bálsamo CBD Muscular 50 ml", 17990, 5, "Cuidado", ProductStatus.Inactive),
        Item("acme-004", "OG Kush", 22990, 0, "Semillas"),
        Item("acme-001", "Northern Lights", 19990, 15, "Semillas"),
        Item("acme-002", "White Widow", 18990, 1, "Semillas"),
        Item("acme-017", "Moledor Metálico 4 Partes", 8990, 25, "Parafernalia"),
        Item("acme-022", "Panel LED Full Spectrum 240 W", 1149990, 5, "Cultivo"),
    ];

    private static readonly Product[] BravoProducts =
    [
        Item("bravo-009", "Mario Kart 8 Deluxe", 49990, 18, "Juegos"),
        Item("bravo-001", "PlayStation 5", 549990, 8, "Consolas"),
        Item("bravo-002", "Xbox Series X", 599990, 5, "Consolas"),
        Item("bravo-003", "Nintendo Switch", 299990, 12, "Consolas"),
    ];

    private static Product Item(string id, string name, decimal price, int stock, string category, string status = ProductStatus.Active) =>
        new() { Id = id, Name = name, ClientId = id.Split('-')[0], Price = price, Stock = stock, Category = category, Status = status };
}
