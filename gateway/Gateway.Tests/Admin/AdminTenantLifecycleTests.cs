using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Admin;

/// <summary>Creating, reading, pausing and deleting tenants through the admin API, and what routing makes of it.</summary>
public abstract class AdminTenantLifecycleTests(RunningSystem system)
{
    [Fact]
    public async Task CreatedTenantGetsTheSlugAndYearAsIdAndAnswersAtOnce()
    {
        var created = await system.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = "Tienda Alta Uno", Slug = "alta-uno" });

        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var id = $"alta-uno-{DateTime.UtcNow.Year}";
        Assert.Equal(id, created.Field("id"));
        Assert.Equal("alta-uno", created.Field("slug"));
        Assert.Equal("Tienda Alta Uno", created.Field("name"));
        Assert.Equal("/webhook/alta-uno", created.Field("webhook_url"));
        Assert.Equal("active", created.Field("status"));

        var answer = await system.AskAsync("alta-uno", "hola");
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        Assert.Equal(id, answer.Field("tenant_id"));
    }

    [Fact]
    public async Task GetReturnsTheTenantObject()
    {
        var reply = await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{DemoShop.Bravo.Id}");

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(DemoShop.Bravo.Id, reply.Field("id"));
        Assert.Equal(DemoShop.Bravo.Name, reply.Field("name"));
        Assert.Equal(DemoShop.Bravo.TwilioWebhookUrl, reply.Field("twilio_webhook_url"));
        ErrorReply.AssertSentence(await system.AdminAsync(HttpMethod.Get, "/admin/tenants/no-such-tenant-2024"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DuplicateSlugOrIdIsAConflict()
    {
        var bySlug = await system.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = "Otra ACME", Slug = "acme" });
        var byId = await system.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = "Otra ACME", Slug = "otra-acme", Id = DemoShop.Acme.Id });

        ErrorReply.AssertSentence(bySlug, HttpStatusCode.Conflict);
        ErrorReply.AssertSentence(byId, HttpStatusCode.Conflict);
        Assert.Equal(DemoShop.Acme.Id, (await system.AskAsync("acme", "hola")).Field("tenant_id"));
    }

    [Theory]
    [InlineData("Bad_Slug")]
    [InlineData("a.b")]
    [InlineData("-acme")]
    [InlineData("")]
    public async Task SlugThatIsNotADnsLabelIsRefused(string slug)
    {
        var reply = await system.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = "Tienda Mal Nombrada", Slug = slug });

        ErrorReply.AssertSentence(reply, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task InactiveTenantIsNotFoundAtOnceAndAnswersAgainWhenActive()
    {
        var id = await CreateAsync("pausa-tienda", "Tienda Pausada");

        var paused = await system.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{id}", new { Status = "inactive" });
        Assert.True(paused.Status == HttpStatusCode.OK, paused.ToString());
        Assert.Equal("inactive", paused.Field("status"));
        ErrorReply.AssertSentence(await system.AskAsync("pausa-tienda", "hola"), HttpStatusCode.NotFound);

        var resumed = await system.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{id}", new { Status = "active" });
        Assert.Equal("active", resumed.Field("status"));
        var answer = await system.AskAsync("pausa-tienda", "hola");
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        Assert.Equal(id, answer.Field("tenant_id"));
    }

    [Fact]
    public async Task DeletedTenantIsGoneAtOnce()
    {
        var id = await CreateAsync("borrar-tienda", "Tienda Por Borrar");
        Assert.Equal(HttpStatusCode.OK, (await system.AskAsync("borrar-tienda", "hola")).Status);

        var deleted = await system.AdminAsync(HttpMethod.Delete, $"/admin/tenants/{id}");

        Assert.True(deleted.Status == HttpStatusCode.NoContent, deleted.ToString());
        ErrorReply.AssertSentence(await system.AskAsync("borrar-tienda", "hola"), HttpStatusCode.NotFound);
        ErrorReply.AssertSentence(await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}"), HttpStatusCode.NotFound);
        ErrorReply.AssertSentence(await system.AdminAsync(HttpMethod.Delete, $"/admin/tenants/{id}"), HttpStatusCode.NotFound);
    }

    private async Task<string> CreateAsync(string slug, string name)
    {
        var created = await system.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = name, Slug = slug });
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return created.Field("id")!;
    }
}

[Collection(SharedSystemDefinition.Name)]
public sealed class AdminTenantLifecycleOnSqliteTests(SharedSystem system) : AdminTenantLifecycleTests(system);

[Collection(PostgresSystemDefinition.Name)]
public sealed class AdminTenantLifecycleOnPostgresTests(PostgresSystem system) : AdminTenantLifecycleTests(system);
