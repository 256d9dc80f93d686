namespace Sintestesia.BotHost.Tests.Conversation;

public sealed class NotFoundTests
{
    [Theory]
    [InlineData("tienen PlayStation 5?")]
    [InlineData("quiero una bicicleta")]
    [InlineData("zzzz")]
    public void NothingMatchingSaysSoAndSuggestsCategories(string question)
    {
        var reply = Shopper.Ask(Catalogs.Acme(), question);
        Assert.Contains("No encontré", reply, StringComparison.Ordinal);
        Assert.Contains("Semillas", reply, StringComparison.Ordinal);
        Assert.Contains("Parafernalia", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tienen PlayStation 5?", "PlayStation")]
    [InlineData("quiero una bicicleta", "bicicleta")]
    [InlineData("<script>alert(1)</script>", "script")]
    public void NotFoundNeverEchoesTheShoppersWords(string question, string echoed)
    {
        var reply = Shopper.Ask(Catalogs.Acme(), question);
        Assert.DoesNotContain(echoed, reply, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void NotFoundNeverSuggestsTheCategoryOfAnInactiveProduct()
    {
        var reply = Shopper.Ask(Catalogs.Acme(), "zzzz");
        Assert.DoesNotContain("Cuidado", reply, StringComparison.Ordinal);
    }

    /// <summary>"PlayStation 5" asked of a shop selling "Flor CBD 5 g": the model number alone is no match.</summary>
    [Fact]
    public void AModelNumberAloneDoesNotPickAProductOfAnotherKind()
    {
        var reply = Shopper.Ask(Catalogs.AcmeWithSizes(), "tienen PlayStation 5?");
        Assert.Contains("No encontré", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Flor CBD", reply, StringComparison.Ordinal);
    }
}
