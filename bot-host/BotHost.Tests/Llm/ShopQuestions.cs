using System.Globalization;
using Sintestesia.BotHost.Llm;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Tests.Llm;

/// <summary>
/// A game shop whose search retrieved only the PlayStation and the sold-out Switch; the Xbox and Mario Kart are in
/// its catalog but were not retrieved, so they must never reach the model nor pass in its answer.
/// </summary>
internal static class ShopQuestions
{
    private static readonly CultureInfo Chile = CultureInfo.GetCultureInfo("es-CL");

    public static Product PlayStation { get; } = Item("PlayStation 5", 549990, 8);

    public static Product SoldOutSwitch { get; } = Item("Nintendo Switch", 299990, 0);

    public static Product Xbox { get; } = Item("Xbox Series X", 599990, 5);

    public static Product MarioKart { get; } = Item("Mario Kart 8 Deluxe", 49990, 18, "Juegos");

    public static IReadOnlyList<Product> Catalog { get; } = [PlayStation, SoldOutSwitch, Xbox, MarioKart];

    public static IReadOnlyList<Product> Retrieved { get; } = [PlayStation, SoldOutSwitch];

    public static string FormatPrice(decimal price) => "$" + price.ToString("N0", Chile);

    public static GroundedQuestion Ask(string message, string? persona = null, IReadOnlyList<ConversationTurn>? history = null) =>
        new("Bravo Gaming", persona, message, Retrieved, FormatPrice, history ?? []);

    public static Product Item(string name, decimal price, int stock, string category = "Consolas") =>
        new() { Id = name, Name = name, ClientId = "bravo", Price = price, Stock = stock, Category = category };
}
