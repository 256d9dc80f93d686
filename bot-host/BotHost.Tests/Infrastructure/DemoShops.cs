using Sintestesia.TenantConfig.Proof;

namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>The demo shops' facts, as documented in tenant-config/TenantConfig/Seed/demo-tenants.json.</summary>
public static class DemoShops
{
    public const string AcmeId = "acme-cannabis-2024";
    public const string AcmeToken = "dev-token-acme-0001";
    public const string AcmeTwilioUrl = "https://acme.sintestesia.cl/bot/twilio/webhook";
    public const string BravoId = "bravo-gaming-2024";
    public const string BravoToken = "dev-token-bravo-0002";
    public const string BravoTwilioUrl = "https://bravo.sintestesia.cl/bot/twilio/webhook";
    public const string TwilioPath = "/bot/twilio/webhook";

    /// <summary>What the gateway forwards for <c>POST /webhook/{slug}</c>.</summary>
    public static ForwardedRequest JsonWebhook(string tenantId) =>
        new(tenantId, "slug", "POST", "/webhook", $"http://127.0.0.1:9001/webhook/{tenantId}");
}
