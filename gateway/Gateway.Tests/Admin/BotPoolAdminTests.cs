using System.Globalization;
using System.Net;
using System.Text.Json;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Admin;

/// <summary>
/// <c>/admin/bot-pools</c> and <c>bot_pool</c> in <c>PATCH /admin/tenants/{id}</c>. Pools here list the shared system's
/// own bot hosts, so a shop moved into one keeps being answered while other tests run.
/// </summary>
[Collection(SharedSystemDefinition.Name)]
public sealed class BotPoolAdminTests(SharedSystem system)
{
    [Fact]
    public async Task PutPoolIsListedWithNormalizedDestinationsAndDeleteRemovesIt()
    {
        var pool = NewPoolName("ida-vuelta");
        var host = system.BotHostUrls[0].ToString().TrimEnd('/');

        var put = await system.AdminAsync(HttpMethod.Put, $"/admin/bot-pools/{pool}",
            new { Destinations = new[] { host + "/", "HTTP://LOCALHOST:9/" } });
        var listed = await ListedAsync(pool);
        var deleted = await system.AdminAsync(HttpMethod.Delete, $"/admin/bot-pools/{pool}");
        var afterDelete = await ListedAsync(pool);
        var deletedAgain = await system.AdminAsync(HttpMethod.Delete, $"/admin/bot-pools/{pool}");

        Assert.True(put.Status == HttpStatusCode.OK, put.ToString());
        Assert.Equal(pool, put.Field("id"));
        Assert.Equal([host, "http://localhost:9"], Destinations(put.Json()));
        Assert.Equal(0, put.Json().GetProperty("tenants").GetInt32());
        Assert.NotNull(listed);
        Assert.Equal([host, "http://localhost:9"], Destinations(listed.Value));
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Null(afterDelete);
        ErrorReply.AssertSentence(deletedAgain, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutOnAnExistingPoolReplacesAllOfItsDestinations()
    {
        var pool = NewPoolName("reemplazo");
        await system.AdminAsync(HttpMethod.Put, $"/admin/bot-pools/{pool}", new { Destinations = new[] { "http://10.0.0.1:9101", "http://10.0.0.2:9101" } });

        var replaced = await system.AdminAsync(HttpMethod.Put, $"/admin/bot-pools/{pool}", new { Destinations = new[] { "https://10.0.0.3:9443" } });

        Assert.True(replaced.Status == HttpStatusCode.OK, replaced.ToString());
        Assert.Equal(["https://10.0.0.3:9443"], Destinations(replaced.Json()));
        Assert.Equal(1L, Convert.ToInt64(
            await system.Database.ScalarAsync("SELECT COUNT(*) FROM bot_pool_destinations WHERE pool_id = @p", ("@p", pool)), CultureInfo.InvariantCulture));
        await system.AdminAsync(HttpMethod.Delete, $"/admin/bot-pools/{pool}");
    }

    [Theory]
    [InlineData("Premium", "http://10.0.0.1:9101")]
    [InlineData("-premium", "http://10.0.0.1:9101")]
    [InlineData("pre_mium", "http://10.0.0.1:9101")]
    [InlineData("sin-destinos", "")]
    [InlineData("ftp", "ftp://10.0.0.1/")]
    [InlineData("relativa", "10.0.0.1:9101")]
    [InlineData("con-consulta", "http://10.0.0.1:9101/?a=1")]
    [InlineData("con-fragmento", "http://10.0.0.1:9101/#x")]
    [InlineData("con-usuario", "http://ops:secreto@10.0.0.1:9101")]
    [InlineData("duplicada", "http://10.0.0.1:9101 http://10.0.0.1:9101/")]
    public async Task BadPoolIsRefusedWith400AndNothingIsStored(string pool, string destinations)
    {
        var refused = await system.AdminAsync(HttpMethod.Put, $"/admin/bot-pools/{pool}",
            new { Destinations = destinations.Split(' ', StringSplitOptions.RemoveEmptyEntries) });

        ErrorReply.AssertSentence(refused, HttpStatusCode.BadRequest);
        Assert.Null(await ListedAsync(pool));
    }

    [Fact]
    public async Task MoreThanFiftyDestinationsAreRefused()
    {
        var many = Enumerable.Range(1, 51).Select(i => string.Create(CultureInfo.InvariantCulture, $"http://10.0.1.{i}:9101")).ToArray();

        var refused = await system.AdminAsync(HttpMethod.Put, $"/admin/bot-pools/{NewPoolName("muchos")}", new { Destinations = many });

        ErrorReply.AssertSentence(refused, HttpStatusCode.BadRequest);
        Assert.Contains("1 to 50", refused.Field("error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchedBotPoolShowsInTheTenantObjectAndEmptyOrNullReturnsToTheDefault()
    {
        var pool = await PutPoolAsync("tienda-pool");
        var id = await CreateTenantAsync("con-pool");

        var created = await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}");
        var assigned = await system.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{id}", new { BotPool = pool });
        var read = await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}");
        var otherChange = await system.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{id}", new { Currency = "USD" });
        var clearedByEmpty = await system.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{id}", new { BotPool = "" });
        await system.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{id}", new { BotPool = pool });
        var clearedByNull = await system.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{id}", new Dictionary<string, object?> { ["bot_pool"] = null });

        Assert.Equal(JsonValueKind.Null, created.Json().GetProperty("bot_pool").ValueKind);
        Assert.True(assigned.Status == HttpStatusCode.OK, assigned.ToString());
        Assert.Equal(pool, assigned.Field("bot_pool"));
        Assert.Equal(pool, read.Field("bot_pool"));
        Assert.Equal(pool, otherChange.Field("bot_pool"));
        Assert.True(clearedByEmpty.Status == HttpStatusCode.OK, clearedByEmpty.ToString());
        Assert.Equal(JsonValueKind.Null, clearedByEmpty.Json().GetProperty("bot_pool").ValueKind);
        Assert.True(clearedByNull.Status == HttpStatusCode.OK, clearedByNull.ToString());
        Assert.Equal(JsonValueKind.Null, clearedByNull.Json().GetProperty("bot_pool").ValueKind);
        await system.AdminAsync(HttpMethod.Delete, $"/admin/bot-pools/{pool}");
    }

    [Fact]
    public async Task PatchNamingAnUnknownPoolIsRefusedWith400AndTheShopStaysWhereItWas()
    {
        var id = await CreateTenantAsync("pool-desconocido");

        var refused = await system.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{id}", new { BotPool = "no-existe-este-pool" });

        ErrorReply.AssertSentence(refused, HttpStatusCode.BadRequest);
        Assert.Contains("no-existe-este-pool", refused.Field("error"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}")).Json().GetProperty("bot_pool").ValueKind);
    }

    [Fact]
    public async Task DeletingAPoolReturnsItsShopsToTheDefaultPool()
    {
        var pool = await PutPoolAsync("se-borra");
        var id = await CreateTenantAsync("pool-borrado");
        await system.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{id}", new { BotPool = pool });
        var listed = await ListedAsync(pool);

        var deleted = await system.AdminAsync(HttpMethod.Delete, $"/admin/bot-pools/{pool}");
        var tenant = await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}");
        var answered = await system.AskAsync("pool-borrado", "hola");

        Assert.Equal(1, listed?.GetProperty("tenants").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(JsonValueKind.Null, tenant.Json().GetProperty("bot_pool").ValueKind);
        Assert.Equal(DBNull.Value, await system.Database.ScalarAsync("SELECT bot_pool_id FROM tenant_clients WHERE id = @id", ("@id", id)));
        Assert.True(answered.Status == HttpStatusCode.OK, answered.ToString());
    }

    private static string NewPoolName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static string[] Destinations(JsonElement pool) => [.. pool.GetProperty("destinations").EnumerateArray().Select(d => d.GetString()!)];

    /// <summary>A pool made of the shared system's real bot hosts.</summary>
    private async Task<string> PutPoolAsync(string prefix)
    {
        var pool = NewPoolName(prefix);
        var put = await system.AdminAsync(HttpMethod.Put, $"/admin/bot-pools/{pool}",
            new { Destinations = system.BotHostUrls.Select(u => u.ToString()).ToArray() });
        Assert.True(put.Status == HttpStatusCode.OK, put.ToString());
        return pool;
    }

    private async Task<JsonElement?> ListedAsync(string pool)
    {
        var list = await system.AdminAsync(HttpMethod.Get, "/admin/bot-pools");
        Assert.True(list.Status == HttpStatusCode.OK, list.ToString());
        return list.Json().GetProperty("pools").EnumerateArray().Where(p => p.GetProperty("id").GetString() == pool).Select(p => (JsonElement?)p).FirstOrDefault();
    }

    private async Task<string> CreateTenantAsync(string slug)
    {
        var created = await system.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = $"Tienda {slug}", Slug = slug });
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return created.Field("id")!;
    }
}
