using Sintestesia.TenantConfig.Catalog;

namespace Sintestesia.TenantConfig.Tests.Catalog;

public sealed class PriceTextTests
{
    [Theory]
    [InlineData("19990", "19990")]
    [InlineData("$19.990", "19990")]
    [InlineData("19.990", "19990")]
    [InlineData("1.299.990", "1299990")]
    [InlineData("19.990,50", "19990.50")]
    [InlineData("2990,5", "2990.5")]
    [InlineData("2990.50", "2990.50")]
    [InlineData("$ 4 990", "4990")]
    public void ChileanAndPlainPricesReadAsShopsMeanThem(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), PriceText.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("gratis")]
    [InlineData("-100")]
    [InlineData("1,2,3")]
    [InlineData("19.99.0")]
    public void TextThatIsNotAPriceIsRefused(string text) => Assert.Null(PriceText.Parse(text));

    [Fact]
    public void CsvPriceWrittenTheChileanWayIsNotReadAsCents()
    {
        using var csv = new MemoryStream("name,price,stock\nNorthern Lights,\"$19.990\",5\n"u8.ToArray());

        var item = Assert.Single(CatalogFile.ReadCsv(csv));

        Assert.Equal(19990m, item.Price);
    }
}
