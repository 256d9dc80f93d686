using System.Globalization;
using Sintestesia.TenantConfig.Settings;

namespace Sintestesia.BotHost.Engine;

/// <summary>A shop's own settings that shape its answers.</summary>
public sealed record ShopProfile(string TenantId, string Name, string Currency, BusinessHours? Hours, bool LlmEnabled, string? Persona)
{
    private static readonly CultureInfo Chile = CultureInfo.GetCultureInfo("es-CL");

    /// <summary>Prices as the shop's customers read them: CLP <c>$12.990</c>; other currencies with their code.</summary>
    public string FormatPrice(decimal price) => Currency.ToUpperInvariant() switch
    {
        "CLP" or "COP" or "ARS" => "$" + Math.Round(price, 0).ToString("N0", Chile),
        var code => $"{code} {price.ToString("N2", CultureInfo.InvariantCulture)}",
    };
}
