using System.Text;
using Sintestesia.TenantConfig.Catalog;

namespace Sintestesia.TenantConfig.Tests.Catalog;

public sealed class CatalogFileTests
{
    [Fact]
    public void CsvKeepsQuotedCommasAndAccents()
    {
        const string csv = """
            name,price,stock,category,description
            "Collar, rojo",4990,3,Accesorios,"Cuero, hecho a mano"
            Ñandú de peluche,2990.50,0,Juguetes,
            """;

        var items = CatalogFile.ReadCsv(Utf8(csv));

        Assert.Equal(2, items.Count);
        Assert.Equal(new ProductInput(null, "Collar, rojo", 4990m, 3, null, "Accesorios", "Cuero, hecho a mano"), items[0]);
        Assert.Equal(new ProductInput(null, "Ñandú de peluche", 2990.50m, 0, null, "Juguetes", null), items[1]);
    }

    [Fact]
    public void CsvHeaderIsCaseInsensitiveAndColumnsMayComeInAnyOrder()
    {
        const string csv = """
            STOCK,Price,NAME,Id,Status
            7,15990,Hueso de cuero,mc-1,inactive
            """;

        var item = Assert.Single(CatalogFile.ReadCsv(Utf8(csv)));

        Assert.Equal(new ProductInput("mc-1", "Hueso de cuero", 15990m, 7, "inactive", null, null), item);
    }

    [Theory]
    [InlineData("price,stock", "name")]
    [InlineData("name,stock", "price")]
    [InlineData("name,price,category", "stock")]
    public void CsvWithoutARequiredColumnNamesIt(string header, string missing)
    {
        var error = Assert.Throws<FormatException>(() => CatalogFile.ReadCsv(Utf8($"{header}\nx,1\n")));

        Assert.Contains($"'{missing}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CsvValueThatIsNotANumberBecomesMissingSoValidationNamesTheProduct()
    {
        var item = Assert.Single(CatalogFile.ReadCsv(Utf8("name,price,stock\nCorrea,barato,2\n")));

        Assert.Null(item.Price);
        Assert.Contains("Correa", item.ToProduct("t-2024", 1).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonArrayUsesSnakeCaseFields()
    {
        const string json = """
            [
              {"id": "bg-1", "name": "PlayStation 5", "price": 599990, "stock": 0, "status": "Active",
               "category": "Consolas", "description": "Edición estándar"},
              {"name": "Xbox Series X", "price": 549990.5, "stock": 4},
            ]
            """;

        var items = CatalogFile.ReadJson(Utf8(json));

        Assert.Equal(new ProductInput("bg-1", "PlayStation 5", 599990m, 0, "Active", "Consolas", "Edición estándar"), items[0]);
        Assert.Equal(new ProductInput(null, "Xbox Series X", 549990.5m, 4, null, null, null), items[1]);
    }

    [Theory]
    [InlineData("{\"name\": \"not an array\"}")]
    [InlineData("null")]
    [InlineData("[{\"name\": \"x\", \"price\": \"cheap\"}]")]
    public void JsonThatIsNotAnArrayOfProductsIsAFormatException(string json)
    {
        Assert.Throws<FormatException>(() => CatalogFile.ReadJson(Utf8(json)));
    }

    [Theory]
    [InlineData(".csv", "name,price,stock\nHueso,990,1\n")]
    [InlineData(".CSV", "name,price,stock\nHueso,990,1\n")]
    [InlineData(".json", "[{\"name\":\"Hueso\",\"price\":990,\"stock\":1}]")]
    public void ReadPicksTheFormatFromTheExtension(string extension, string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, content);
        try
        {
            Assert.Equal("Hueso", Assert.Single(CatalogFile.Read(path)).Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadRefusesOtherExtensions()
    {
        var path = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.xlsx");
        File.WriteAllText(path, "name,price,stock\n");
        try
        {
            Assert.Contains(".xlsx", Assert.Throws<FormatException>(() => CatalogFile.Read(path)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));
}
