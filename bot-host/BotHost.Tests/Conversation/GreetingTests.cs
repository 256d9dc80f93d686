using Sintestesia.BotHost.Engine;

namespace Sintestesia.BotHost.Tests.Conversation;

public sealed class GreetingTests
{
    [Theory]
    [InlineData("hola")]
    [InlineData("buenas")]
    [InlineData("Hola!")]
    [InlineData("buenas tardes")]
    [InlineData("wena")]
    public void AGreetingWelcomesWithTheShopNameAndItsCategories(string greeting)
    {
        var shopper = new Shopper(Catalogs.Acme());

        var reply = shopper.Says(greeting);

        Assert.Equal(Intent.Greeting, shopper.Last.Intent);
        Assert.Contains("ACME Cannabis Store", reply, StringComparison.Ordinal);
        Assert.Contains("Semillas", reply, StringComparison.Ordinal);
        Assert.Contains("Parafernalia", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void AGreetingNeverNamesTheCategoryOfOnlyInactiveProducts()
    {
        var reply = Shopper.Ask(Catalogs.Acme(), "hola");

        Assert.DoesNotContain("Cuidado", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Bálsamo", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void AGreetingToAShopWithAnEmptyCatalogStillWelcomes()
    {
        var reply = Shopper.Ask(Catalogs.Shop("vacia-2024", "Tienda Vacía", []), "hola");

        Assert.Contains("Tienda Vacía", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void AGreetingWithAQuestionAnswersTheQuestion()
    {
        var reply = Shopper.Ask(Catalogs.Acme(), "hola, tienen northern lights?");

        Assert.StartsWith("¡Hola!", reply, StringComparison.Ordinal);
        Assert.Contains("Northern Lights", reply, StringComparison.Ordinal);
        Assert.Contains("$19.990", reply, StringComparison.Ordinal);
    }
}
