using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Isolation;

/// <summary>
/// Two shops created through <c>TenantAdministration</c> that sell products of the same names at different prices:
/// Norte sells Collar Rojo at $7.990 and Collar Azul; Sur sells Collar Rojo at $15.490, Collar Verde and beds.
/// No answer of one shop ever carries the other's price, product or category.
/// </summary>
public abstract class OverlappingNamesTests(BotHostFixture host) : IAsyncLifetime
{
    private static readonly string[] NorteOnly = ["Collar Azul", "$8.990", "Correa Extensible", "$12.990", "Paseo", "Mascotas Norte"];
    private static readonly string[] SurOnly = ["$15.490", "Collar Verde", "$9.990", "Cama Grande", "$45.990", "Camas", "Mascotas Sur"];

    private string _norte = "";
    private string _sur = "";

    public async Task InitializeAsync()
    {
        _norte = await host.CreateShopAsync("Mascotas Norte",
            TestShops.Product("Collar Rojo", 7990, 10, "Collares"),
            TestShops.Product("Collar Azul", 8990, 6, "Collares"),
            TestShops.Product("Correa Extensible", 12990, 5, "Paseo"));
        _sur = await host.CreateShopAsync("Mascotas Sur",
            TestShops.Product("Collar Rojo", 15490, 3, "Collares"),
            TestShops.Product("Collar Verde", 9990, 8, "Collares"),
            TestShops.Product("Cama Grande", 45990, 2, "Camas"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("collar rojo")]
    [InlineData("tienen collar rojo?")]
    [InlineData("cuánto cuesta el collar rojo")]
    [InlineData("hay stock de collar rojo?")]
    public async Task EachShopQuotesItsOwnPriceForTheSameName(string question)
    {
        var norte = await host.SayAsync(_norte, Shoppers.NewPhone(), question);
        var sur = await host.SayAsync(_sur, Shoppers.NewPhone(), question);

        Assert.Contains("*Collar Rojo*", norte.Text, StringComparison.Ordinal);
        Assert.Contains("$7.990", norte.Text, StringComparison.Ordinal);
        AssertNone(SurOnly, norte.Text);
        Assert.Contains("*Collar Rojo*", sur.Text, StringComparison.Ordinal);
        Assert.Contains("$15.490", sur.Text, StringComparison.Ordinal);
        AssertNone(NorteOnly, sur.Text);
    }

    [Theory]
    [InlineData("collar verde")]
    [InlineData("cuánto cuesta el collar verde")]
    [InlineData("cama grande")]
    [InlineData("tienen camas?")]
    [InlineData("muéstrame las camas")]
    public async Task NorteNeverAnswersWithSursOwnProductsOrCategories(string question)
    {
        AssertNone(SurOnly, (await host.SayAsync(_norte, Shoppers.NewPhone(), question)).Text);
    }

    [Theory]
    [InlineData("collar azul")]
    [InlineData("cuánto cuesta el collar azul")]
    [InlineData("correa extensible")]
    public async Task SurNeverAnswersWithNortesOwnProducts(string question)
    {
        AssertNone(NorteOnly, (await host.SayAsync(_sur, Shoppers.NewPhone(), question)).Text);
    }

    [Theory]
    [InlineData("que collares tienes")]
    [InlineData("muéstrame los collares")]
    public async Task AListOfTheSharedCategoryHoldsOnlyTheShopsOwnItems(string question)
    {
        var norte = await host.SayAsync(_norte, Shoppers.NewPhone(), question);
        var sur = await host.SayAsync(_sur, Shoppers.NewPhone(), question);

        Assert.Equal("list", norte.Intent);
        Assert.Contains("*Collar Rojo*: $7.990", norte.Text, StringComparison.Ordinal);
        Assert.Contains("*Collar Azul*: $8.990", norte.Text, StringComparison.Ordinal);
        AssertNone(SurOnly, norte.Text);
        Assert.Equal("list", sur.Intent);
        Assert.Contains("*Collar Rojo*: $15.490", sur.Text, StringComparison.Ordinal);
        Assert.Contains("*Collar Verde*: $9.990", sur.Text, StringComparison.Ordinal);
        AssertNone(NorteOnly, sur.Text);
    }

    [Theory]
    [InlineData("hola")]
    [InlineData("catálogo")]
    [InlineData("ayuda")]
    [InlineData("algo que no venden")]
    public async Task GreetingCatalogHelpAndNotFoundNameOnlyTheShopsOwnCategories(string message)
    {
        var norte = await host.SayAsync(_norte, Shoppers.NewPhone(), message);
        var sur = await host.SayAsync(_sur, Shoppers.NewPhone(), message);

        Assert.Contains("Paseo", norte.Text, StringComparison.Ordinal);
        AssertNone(SurOnly, norte.Text);
        Assert.Contains("Camas", sur.Text, StringComparison.Ordinal);
        AssertNone(NorteOnly, sur.Text);
    }

    [Fact]
    public async Task TheSamePhoneAtBothShopsPicksFromEachShopsOwnList()
    {
        var phone = Shoppers.NewPhone();
        await host.SayAsync(_norte, phone, "que collares tienes");
        await host.SayAsync(_sur, phone, "que collares tienes");

        var norte = await host.SayAsync(_norte, phone, "el primero");
        var sur = await host.SayAsync(_sur, phone, "el primero");

        Assert.Equal("select", norte.Intent);
        AssertNone(SurOnly, norte.Text);
        Assert.Equal("select", sur.Intent);
        AssertNone(NorteOnly, sur.Text);
    }

    private static void AssertNone(IEnumerable<string> forbidden, string answer)
    {
        foreach (var text in forbidden)
        {
            Assert.DoesNotContain(text, answer, StringComparison.OrdinalIgnoreCase);
        }
    }
}

[Collection(OneBotHostOnSqlite.Name)]
public sealed class OverlappingNamesOnSqliteTests(BotHostOnSqlite host) : OverlappingNamesTests(host);

[Collection(OneBotHostOnPostgres.Name)]
public sealed class OverlappingNamesOnPostgresTests(BotHostOnPostgres host) : OverlappingNamesTests(host);
