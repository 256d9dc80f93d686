using Sintestesia.BotHost.Conversation;

namespace Sintestesia.BotHost.Tests.Conversation;

public sealed class GreetingTests
{
    private readonly CatalogReplyEngine _engine = new();

    [Theory]
    [InlineData("hola")]
    [InlineData("buenas")]
    [InlineData("Hola!")]
    [InlineData("buenas tardes")]
    public void AGreetingWelcomesWithTheShopNameAndInStockProducts(string greeting)
    {
        var reply = _engine.Reply(Catalogs.Acme(), greeting);
        Assert.Contains("ACME Cannabis Store", reply, StringComparison.Ordinal);
        Assert.Contains("Northern Lights", reply, StringComparison.Ordinal);
        Assert.Contains("$19.990", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hola")]
    [InlineData("buenas")]
    public void AGreetingNamesNeitherSoldOutNorInactiveProducts(string greeting)
    {
        var reply = _engine.Reply(Catalogs.Acme(), greeting);
        Assert.DoesNotContain("OG Kush", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Bálsamo", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void AGreetingToAShopWithNothingInStockStillWelcomes()
    {
        var reply = _engine.Reply(Catalogs.Acme() with { Products = [] }, "hola");
        Assert.Contains("ACME Cannabis Store", reply, StringComparison.Ordinal);
    }
}
