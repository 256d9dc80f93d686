namespace Sintestesia.Gateway.Tests.Infrastructure;

/// <summary>A shop of the demo seed, with the dev Twilio credentials the README documents.</summary>
public sealed record DemoShop(string Id, string Slug, string Name, string TwilioAuthToken, string TwilioNumber)
{
    public static readonly DemoShop Acme = new("acme-cannabis-2024", "acme", "ACME Cannabis Store", "dev-token-acme-0001", "+14155238886");
    public static readonly DemoShop Bravo = new("bravo-gaming-2024", "bravo", "Bravo Gaming", "dev-token-bravo-0002", "+14155238887");
    public static readonly DemoShop MundoCanino = new("mundo-canino-2024", "mundo-canino", "Mundo Canino", "dev-token-mundo-canino-0003", "+14155238888");

    public static IReadOnlyList<DemoShop> All { get; } = [Acme, Bravo, MundoCanino];

    /// <summary>The URL Twilio calls, and signs, for this shop.</summary>
    public string TwilioWebhookUrl => $"https://{Slug}.sintestesia.cl/bot/twilio/webhook";
}
