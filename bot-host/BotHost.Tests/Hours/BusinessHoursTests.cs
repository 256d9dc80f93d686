using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Hours;

/// <summary>Business hours set on the tenant by plain SQL: out of hours, answers carry a note with the hours.</summary>
public abstract class BusinessHoursTests(BotHostFixture host)
{
    private const string Note = "fuera de horario";

    [Fact]
    public async Task OutOfHoursAProductAnswerCarriesTheNoteWithTheHours()
    {
        var hours = ShopClock.SantiagoHoursNotToday();
        var shop = await ShopWithHoursAsync(hours, ShopClock.Santiago);

        var answer = await host.SayAsync(shop, Shoppers.NewPhone(), "collar rojo");

        Assert.StartsWith("*Collar Rojo*: $7.990", answer.Text, StringComparison.Ordinal);
        Assert.Contains(Note, answer.Text, StringComparison.Ordinal);
        Assert.Contains($"atendemos {hours}", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutATimeZoneTheHoursAreReadInSantiago()
    {
        var shop = await ShopWithHoursAsync(ShopClock.SantiagoHoursNotToday(), timeZone: null);

        Assert.Contains(Note, (await host.SayAsync(shop, Shoppers.NewPhone(), "collar rojo")).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hola")]
    [InlineData("que collares tienes")]
    [InlineData("catálogo")]
    [InlineData("cuánto cuesta el collar rojo")]
    [InlineData("tienen peluches?")]
    public async Task OutOfHoursEveryKindOfAnswerCarriesTheNote(string message)
    {
        var shop = await ShopWithHoursAsync(ShopClock.SantiagoHoursNotToday(), ShopClock.Santiago);

        Assert.Contains(Note, (await host.SayAsync(shop, Shoppers.NewPhone(), message)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithinHoursNoAnswerCarriesTheNote()
    {
        var shop = await ShopWithHoursAsync(ShopClock.MiddayHours, ShopClock.ZoneWhereItIs(12));
        var phone = Shoppers.NewPhone();

        foreach (var message in new[] { "hola", "collar rojo", "que collares tienes" })
        {
            var answer = await host.SayAsync(shop, phone, message);
            Assert.NotEmpty(answer.Text);
            Assert.DoesNotContain(Note, answer.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheSameHoursAreClosedInATimeZoneWhereItIsMidnight()
    {
        var shop = await ShopWithHoursAsync(ShopClock.MiddayHours, ShopClock.ZoneWhereItIs(0));

        Assert.Contains(Note, (await host.SayAsync(shop, Shoppers.NewPhone(), "collar rojo")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThanksAndGoodbyeNeverCarryTheNote()
    {
        var shop = await ShopWithHoursAsync(ShopClock.SantiagoHoursNotToday(), ShopClock.Santiago);
        var phone = Shoppers.NewPhone();
        Assert.Contains(Note, (await host.SayAsync(shop, phone, "collar rojo")).Text, StringComparison.Ordinal);

        var thanks = await host.SayAsync(shop, phone, "gracias");
        var goodbye = await host.SayAsync(shop, phone, "chao");

        Assert.Equal("thanks", thanks.Intent);
        Assert.Equal("goodbye", goodbye.Intent);
        Assert.DoesNotContain(Note, thanks.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Note, goodbye.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpeningTheShopBySqlRemovesTheNoteFromTheNextAnswer()
    {
        var shop = await ShopWithHoursAsync(ShopClock.SantiagoHoursNotToday(), ShopClock.Santiago);
        var phone = Shoppers.NewPhone();
        Assert.Contains(Note, (await host.SayAsync(shop, phone, "collar rojo")).Text, StringComparison.Ordinal);

        await SetHoursAsync(shop, hours: null, timeZone: null);

        Assert.DoesNotContain(Note, (await host.SayAsync(shop, phone, "collar rojo")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadableHoursAreIgnoredAndTheShopStillAnswers()
    {
        var shop = await ShopWithHoursAsync("siempre abierto", ShopClock.Santiago);

        var answer = await host.SayAsync(shop, Shoppers.NewPhone(), "collar rojo");

        Assert.StartsWith("*Collar Rojo*: $7.990", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Note, answer.Text, StringComparison.Ordinal);
    }

    private async Task<string> ShopWithHoursAsync(string hours, string? timeZone)
    {
        var shop = await host.CreateShopAsync("Tienda con Horario",
            TestShops.Product("Collar Rojo", 7990, 10, "Collares"),
            TestShops.Product("Collar Azul", 8990, 4, "Collares"),
            TestShops.Product("Peluche Patito", 6990, 3, "Juguetes"));
        await SetHoursAsync(shop, hours, timeZone);
        return shop;
    }

    private async Task SetHoursAsync(string shop, string? hours, string? timeZone) =>
        Assert.Equal(1, await host.Sql.ExecuteAsync(
            "UPDATE tenant_clients SET business_hours = @hours, time_zone = @zone WHERE id = @id",
            ("@hours", hours), ("@zone", timeZone), ("@id", shop)));
}

[Collection(OneBotHostOnSqlite.Name)]
public sealed class BusinessHoursOnSqliteTests(BotHostOnSqlite host) : BusinessHoursTests(host);

[Collection(OneBotHostOnPostgres.Name)]
public sealed class BusinessHoursOnPostgresTests(BotHostOnPostgres host) : BusinessHoursTests(host);
