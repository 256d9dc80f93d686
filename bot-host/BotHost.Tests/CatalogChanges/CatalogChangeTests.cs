using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.CatalogChanges;

/// <summary>
/// Products changed with plain SQL reach the next answer: the database triggers bump <c>catalog_versions</c> and the
/// bot host rebuilds that shop's index. Each test first asks once, so the old index is really cached.
/// </summary>
public abstract class CatalogChangeTests(BotHostFixture host)
{
    [Fact]
    public async Task APriceUpdatedBySqlIsQuotedInTheNextAnswer()
    {
        var (shop, prefix, phone) = await ShopAsync();
        Assert.Contains("$7.990", (await host.SayAsync(shop, phone, "collar rojo")).Text, StringComparison.Ordinal);
        var before = await host.Sql.CatalogVersionAsync(shop);

        await ChangeAsync("UPDATE products SET price = 8490 WHERE id = @id", prefix + "-rojo");
        var answer = await host.SayAsync(shop, phone, "collar rojo");

        Assert.True(await host.Sql.CatalogVersionAsync(shop) > before, "The trigger did not bump the catalog version.");
        Assert.Contains("*Collar Rojo*: $8.490", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("7.990", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStockSetToZeroBySqlIsAnsweredAsSoldOut()
    {
        var (shop, prefix, phone) = await ShopAsync();
        Assert.DoesNotContain("agotado", (await host.SayAsync(shop, phone, "collar rojo")).Text, StringComparison.Ordinal);

        await ChangeAsync("UPDATE products SET stock = 0 WHERE id = @id", prefix + "-rojo");

        Assert.Contains("*Collar Rojo* ($7.990) está agotado", (await host.SayAsync(shop, phone, "collar rojo")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProductInsertedBySqlIsFoundInTheNextAnswer()
    {
        var (shop, prefix, phone) = await ShopAsync();
        Assert.DoesNotContain("Arnés", (await host.SayAsync(shop, phone, "arnés antitirones")).Text, StringComparison.Ordinal);

        await ChangeAsync("""
            INSERT INTO products (id, name, client_id, price, stock, status, category, description)
            VALUES (@id, 'Arnés Antitirones', @shop, 18990, 9, 'Active', 'Paseo', 'Arnés acolchado que no aprieta.')
            """, prefix + "-arnes", ("@shop", shop));
        var answer = await host.SayAsync(shop, phone, "arnés antitirones");

        Assert.Contains("*Arnés Antitirones*: $18.990", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Paseo", (await host.SayAsync(shop, phone, "hola")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProductSetInactiveBySqlDisappearsFromProductListAndCategoryAnswers()
    {
        var (shop, prefix, phone) = await ShopAsync();
        Assert.Contains("Collar Azul", (await host.SayAsync(shop, phone, "que collares tienes")).Text, StringComparison.Ordinal);

        await ChangeAsync("UPDATE products SET status = 'Inactive' WHERE id = @id", prefix + "-azul");

        foreach (var question in new[] { "collar azul", "que collares tienes", "cuánto cuesta el collar azul", "catálogo" })
        {
            var answer = await host.SayAsync(shop, phone, question);
            Assert.DoesNotContain("Azul", answer.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("8.990", answer.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AProductDeletedBySqlDisappearsFromTheNextAnswer()
    {
        var (shop, prefix, phone) = await ShopAsync();
        Assert.Contains("Peluche Patito", (await host.SayAsync(shop, phone, "peluche patito")).Text, StringComparison.Ordinal);

        await ChangeAsync("DELETE FROM products WHERE id = @id", prefix + "-patito");
        var answer = await host.SayAsync(shop, phone, "peluche patito");

        Assert.DoesNotContain("Patito", answer.Text, StringComparison.Ordinal);
        Assert.Equal("not_found", answer.Intent);
    }

    [Fact]
    public async Task AProductSetActiveAgainBySqlComesBack()
    {
        var (shop, prefix, phone) = await ShopAsync();
        await ChangeAsync("UPDATE products SET status = 'Inactive' WHERE id = @id", prefix + "-azul");
        Assert.DoesNotContain("Azul", (await host.SayAsync(shop, phone, "collar azul")).Text, StringComparison.Ordinal);

        await ChangeAsync("UPDATE products SET status = 'Active' WHERE id = @id", prefix + "-azul");

        Assert.Contains("*Collar Azul*: $8.990", (await host.SayAsync(shop, phone, "collar azul")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangeToAnotherShopsCatalogLeavesThisShopsAnswersAlone()
    {
        var (shop, _, phone) = await ShopAsync();
        var (other, otherPrefix, otherPhone) = await ShopAsync();
        await host.SayAsync(shop, phone, "collar rojo");

        await ChangeAsync("UPDATE products SET price = 1 WHERE id = @id", otherPrefix + "-rojo");

        Assert.Contains("*Collar Rojo*: $1.", (await host.SayAsync(other, otherPhone, "collar rojo")).Text, StringComparison.Ordinal);
        Assert.Contains("*Collar Rojo*: $7.990", (await host.SayAsync(shop, phone, "collar rojo")).Text, StringComparison.Ordinal);
    }

    /// <summary>A new shop whose product IDs are <c>{prefix}-rojo</c>, <c>-azul</c> and <c>-patito</c>.</summary>
    private async Task<(string Shop, string Prefix, string Phone)> ShopAsync()
    {
        var prefix = Guid.NewGuid().ToString("N");
        var shop = await host.CreateShopAsync("Tienda Cambiante",
            TestShops.Product("Collar Rojo", 7990, 10, "Collares", $"{prefix}-rojo"),
            TestShops.Product("Collar Azul", 8990, 4, "Collares", $"{prefix}-azul"),
            TestShops.Product("Peluche Patito", 6990, 3, "Juguetes", $"{prefix}-patito"));
        return (shop, prefix, Shoppers.NewPhone());
    }

    private async Task ChangeAsync(string sql, string productId, params (string Name, object? Value)[] more) =>
        Assert.Equal(1, await host.Sql.ExecuteAsync(sql, [("@id", productId), .. more]));
}

[Collection(OneBotHostOnSqlite.Name)]
public sealed class CatalogChangeOnSqliteTests(BotHostOnSqlite host) : CatalogChangeTests(host);

[Collection(OneBotHostOnPostgres.Name)]
public sealed class CatalogChangeOnPostgresTests(BotHostOnPostgres host) : CatalogChangeTests(host);
