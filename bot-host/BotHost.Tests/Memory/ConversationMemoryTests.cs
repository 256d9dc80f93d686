using System.Text.RegularExpressions;
using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Memory;

/// <summary>Follow-ups through the real bot host: the memory lives in <c>conversations</c>, per (tenant, phone), and expires.</summary>
public abstract partial class ConversationMemoryTests(BotHostFixture host)
{
    private const string HowMuch = "y cuánto cuesta?";

    [Fact]
    public async Task HowMuchItCostsAfterAProductAnswersThatProductsPrice()
    {
        var phone = Shoppers.NewPhone();
        Assert.Contains("Northern Lights", (await host.SayAsync(DemoShops.AcmeId, phone, "northern lights")).Text, StringComparison.Ordinal);

        var answer = await host.SayAsync(DemoShops.AcmeId, phone, HowMuch);

        Assert.Equal("price", answer.Intent);
        Assert.Contains("*Northern Lights* cuesta $19.990", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSecondAfterAListNamesTheSecondListedItem()
    {
        var phone = Shoppers.NewPhone();
        var list = await host.SayAsync(DemoShops.BravoId, phone, "que consolas tienes");
        Assert.Equal("list", list.Intent);
        var (first, second) = (Listed(list.Text, 1), Listed(list.Text, 2));
        Assert.NotEqual(first.Name, second.Name);

        var answer = await host.SayAsync(DemoShops.BravoId, phone, "el segundo");

        Assert.Equal("select", answer.Intent);
        Assert.StartsWith($"*{second.Name}*", answer.Text, StringComparison.Ordinal);
        Assert.Contains(second.Price, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLastAfterAListNamesTheLastListedItem()
    {
        var phone = Shoppers.NewPhone();
        var list = await host.SayAsync(DemoShops.BravoId, phone, "que consolas tienes");
        var count = ListLine().Count(list.Text);
        Assert.True(count >= 3, $"Expected a list of consoles, got: {list.Text}");

        var answer = await host.SayAsync(DemoShops.BravoId, phone, "el último");

        Assert.StartsWith($"*{Listed(list.Text, count).Name}*", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterTheIdleTimeoutHowMuchItCostsNoLongerMeansTheOldProduct()
    {
        var phone = Shoppers.NewPhone();
        await host.SayAsync(DemoShops.AcmeId, phone, "northern lights");
        await host.Sql.MoveConversationBackAsync(DemoShops.AcmeId, phone, TimeSpan.FromMinutes(BotHostFixture.IdleMinutes + 1));

        var answer = await host.SayAsync(DemoShops.AcmeId, phone, HowMuch);

        Assert.DoesNotContain("Northern Lights", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("$19.990", answer.Text, StringComparison.Ordinal);
        Assert.Contains("¿De qué producto", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JustBeforeTheIdleTimeoutTheProductIsStillRemembered()
    {
        var phone = Shoppers.NewPhone();
        await host.SayAsync(DemoShops.AcmeId, phone, "northern lights");
        await host.Sql.MoveConversationBackAsync(DemoShops.AcmeId, phone, TimeSpan.FromMinutes(BotHostFixture.IdleMinutes - 1));

        var answer = await host.SayAsync(DemoShops.AcmeId, phone, HowMuch);

        Assert.Contains("*Northern Lights* cuesta $19.990", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterTheIdleTimeoutTheSecondNoLongerPicksFromTheOldList()
    {
        var phone = Shoppers.NewPhone();
        var list = await host.SayAsync(DemoShops.BravoId, phone, "que consolas tienes");
        await host.Sql.MoveConversationBackAsync(DemoShops.BravoId, phone, TimeSpan.FromMinutes(BotHostFixture.IdleMinutes + 1));

        var answer = await host.SayAsync(DemoShops.BravoId, phone, "el segundo");

        Assert.NotEqual("select", answer.Intent);
        Assert.DoesNotContain($"*{Listed(list.Text, 2).Name}*", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherPhoneAskingHowMuchItCostsDoesNotSeeTheFirstPhonesProduct()
    {
        await host.SayAsync(DemoShops.AcmeId, Shoppers.NewPhone(), "northern lights");

        var answer = await host.SayAsync(DemoShops.AcmeId, Shoppers.NewPhone(), HowMuch);

        Assert.DoesNotContain("Northern Lights", answer.Text, StringComparison.Ordinal);
        Assert.Contains("¿De qué producto", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSamePhoneAtAnotherShopDoesNotSeeWhatItAskedTheFirstShop()
    {
        var phone = Shoppers.NewPhone();
        await host.SayAsync(DemoShops.AcmeId, phone, "northern lights");

        var atBravo = await host.SayAsync(DemoShops.BravoId, phone, HowMuch);
        var backAtAcme = await host.SayAsync(DemoShops.AcmeId, phone, HowMuch);

        Assert.DoesNotContain("Northern Lights", atBravo.Text, StringComparison.Ordinal);
        Assert.Contains("¿De qué producto", atBravo.Text, StringComparison.Ordinal);
        Assert.Contains("*Northern Lights* cuesta $19.990", backAtAcme.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSecondAtAnotherShopDoesNotPickFromTheFirstShopsList()
    {
        var phone = Shoppers.NewPhone();
        var list = await host.SayAsync(DemoShops.BravoId, phone, "que consolas tienes");

        var atAcme = await host.SayAsync(DemoShops.AcmeId, phone, "el segundo");

        Assert.NotEqual("select", atAcme.Intent);
        Assert.DoesNotContain(Listed(list.Text, 2).Name, atAcme.Text, StringComparison.Ordinal);
    }

    /// <summary>The item at <paramref name="position"/> of a list answer ("2. *Name*: $price").</summary>
    private static (string Name, string Price) Listed(string answer, int position)
    {
        var line = ListLine().Matches(answer).FirstOrDefault(m => m.Groups["n"].Value == position.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(line is not null, $"No item {position} in the list: {answer}");
        return (line.Groups["name"].Value, line.Groups["price"].Value);
    }

    [GeneratedRegex(@"^(?<n>\d+)\. \*(?<name>[^*]+)\*: (?<price>\$[\d.]+)", RegexOptions.Multiline)]
    private static partial Regex ListLine();
}

[Collection(OneBotHostOnSqlite.Name)]
public sealed class ConversationMemoryOnSqliteTests(BotHostOnSqlite host) : ConversationMemoryTests(host);

[Collection(OneBotHostOnPostgres.Name)]
public sealed class ConversationMemoryOnPostgresTests(BotHostOnPostgres host) : ConversationMemoryTests(host);
