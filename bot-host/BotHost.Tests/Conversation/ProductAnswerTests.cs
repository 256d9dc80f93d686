namespace Sintestesia.BotHost.Tests.Conversation;

public sealed class ProductAnswerTests
{
    [Theory]
    [InlineData("northern lights")]
    [InlineData("NORTHERN LIGHTS")]
    [InlineData("cuánto cuesta northern lights?")]
    [InlineData("northern")]
    [InlineData("lights")]
    public void AProductNameOrPartOfItGivesNamePriceAndStock(string question)
    {
        var reply = Shopper.Ask(Catalogs.Acme(), question);
        Assert.Contains("Northern Lights", reply, StringComparison.Ordinal);
        Assert.Contains("$19.990", reply, StringComparison.Ordinal);
        Assert.Contains("15 unidades", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("White Widow", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void WhiteWidowGivesItsOwnPriceAndTheLastUnit()
    {
        var reply = Shopper.Ask(Catalogs.Acme(), "white widow");
        Assert.StartsWith("*White Widow*: $18.990.", reply, StringComparison.Ordinal);
        Assert.Contains("1 unidad", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void PricesOverAMillionUseChileanThousandsSeparators()
    {
        var reply = Shopper.Ask(Catalogs.Acme(), "panel led");
        Assert.Contains("$1.149.990", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void ASoldOutProductSaysItIsAgotado()
    {
        var reply = Shopper.Ask(Catalogs.Acme(), "og kush");
        Assert.Contains("OG Kush", reply, StringComparison.Ordinal);
        Assert.Contains("agotado", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("unidades", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bálsamo CBD Muscular 50 ml")]
    [InlineData("balsamo")]
    [InlineData("tienen balsamo muscular?")]
    public void AnInactiveProductIsNeverNamed(string question)
    {
        var reply = Shopper.Ask(Catalogs.Acme(), question);
        Assert.DoesNotContain("Bálsamo", reply, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Balsamo", reply, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("17.990", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("consolas")]
    [InlineData("que consolas tienes")]
    public void ACategoryWordListsTheMatchingProducts(string question)
    {
        var reply = Shopper.Ask(Catalogs.Bravo(), question);
        Assert.Contains("*PlayStation 5*: $549.990", reply, StringComparison.Ordinal);
        Assert.Contains("*Xbox Series X*: $599.990", reply, StringComparison.Ordinal);
        Assert.Contains("*Nintendo Switch*: $299.990", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Mario Kart", reply, StringComparison.Ordinal);
    }
}
