namespace Sintestesia.BotHost.Tests.Meta;

/// <summary>A shop's Meta number and the three secrets Meta and the shop share for it.</summary>
public sealed record MetaShop(string TenantId, string Slug, string PhoneNumberId, string VerifyToken, string AppSecret, string AccessToken)
{
    public string PublicUrl => $"https://{Slug}.sintestesia.cl{MetaRequests.Path}";
}

/// <summary>The Meta numbers <see cref="MetaBotHostFixture"/> gives two demo shops.</summary>
public static class MetaShops
{
    public static readonly MetaShop Acme = new(
        "acme-cannabis-2024", "acme", "106540352242922", "verify-acme-7f3a", "app-secret-acme-91c2d4", "EAAG-acme-access-token-0001");

    public static readonly MetaShop Bravo = new(
        "bravo-gaming-2024", "bravo", "209871234567001", "verify-bravo-2b8e", "app-secret-bravo-55aa10", "EAAG-bravo-access-token-0002");
}
