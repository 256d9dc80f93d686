using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Admin;

/// <summary>Shop settings through <c>PATCH /admin/tenants/{id}</c>: stored, shown, cleared, refused, and read by the bot.</summary>
[Collection(SharedSystemDefinition.Name)]
public sealed class AdminSettingsTests(SharedSystem system)
{
    private static readonly Dictionary<string, object?> EverySetting = new()
    {
        ["currency"] = "USD",
        ["business_hours"] = "lun-vie 09:00-19:00; sáb 10:00-14:00",
        ["time_zone"] = "America/Bogota",
        ["llm_enabled"] = true,
        ["llm_persona"] = "Hablas como un vendedor cercano.",
    };

    [Fact]
    public async Task CreatedTenantShowsTheDefaultSettingsWhileTheTenantListKeepsItsShape()
    {
        var created = await system.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = "Ajustes Por Defecto", Slug = "ajustes-defecto" });
        var list = await system.GetAsync(system.InternalUrl, "/tenants");

        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        AssertSettings(created, "CLP", null, "America/Santiago", false, null);
        var listed = list.Json().GetProperty("tenants").EnumerateArray().First();
        Assert.False(listed.TryGetProperty("currency", out _), list.ToString());
    }

    [Fact]
    public async Task PatchedSettingsComeBackFromPatchAndGet()
    {
        var id = await CreateAsync("ajustes-ida-vuelta");

        var patched = await system.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{id}", EverySetting);
        var read = await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}");

        Assert.True(patched.Status == HttpStatusCode.OK, patched.ToString());
        foreach (var reply in new[] { patched, read })
        {
            AssertSettings(reply, "USD", "lun-vie 09:00-19:00; sáb 10:00-14:00", "America/Bogota", true, "Hablas como un vendedor cercano.");
            Assert.Equal(id, reply.Field("id"));
            Assert.Equal("active", reply.Field("status"));
        }
    }

    [Fact]
    public async Task EmptyStringsClearHoursTimeZoneAndPersonaAndOtherSettingsStay()
    {
        var id = await CreateAsync("ajustes-borrados");
        await system.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{id}", EverySetting);

        var cleared = await system.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{id}", new { BusinessHours = "", TimeZone = "", LlmPersona = "" });

        Assert.True(cleared.Status == HttpStatusCode.OK, cleared.ToString());
        AssertSettings(cleared, "USD", null, "America/Santiago", true, null);
        Assert.Equal(DBNull.Value, await system.Database.ScalarAsync("SELECT business_hours FROM tenant_clients WHERE id = $id", ("$id", id)));
    }

    [Theory]
    [InlineData("business_hours", "lunes a viernes de 9 a 19")]
    [InlineData("business_hours", "lun-vie 19:00-09:00")]
    [InlineData("time_zone", "Mars/Olympus_Mons")]
    [InlineData("currency", "clp")]
    [InlineData("currency", "PESOS")]
    [InlineData("llm_persona", null)]
    public async Task BadSettingIsRefusedWith400AndChangesNothing(string field, string? value)
    {
        var id = await CreateAsync($"ajuste-malo-{Guid.NewGuid():N}"[..24]);
        var body = new Dictionary<string, object?> { ["currency"] = "EUR", [field] = value ?? new string('x', 2001) };

        var refused = await system.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{id}", body);

        ErrorReply.AssertSentence(refused, HttpStatusCode.BadRequest);
        AssertSettings(await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}"), "CLP", null, "America/Santiago", false, null);
    }

    [Fact]
    public async Task LlmEnabledThatIsNotABooleanIsMalformed()
    {
        var id = await CreateAsync("llm-no-booleano");

        var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(system.InternalUrl, $"/admin/tenants/{id}"))
        {
            Content = new StringContent("""{"llm_enabled":"yes"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", system.Secrets.AdminToken);

        var refused = await system.SendAsync(request);

        ErrorReply.AssertSentence(refused, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task BotAddsTheOutOfHoursNoteOnlyWhileTheShopIsClosed()
    {
        var id = await CreateAsync("horario-bot");
        // A day two days from now in Santiago: the shop is closed for the whole test.
        var santiago = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Santiago"));
        var hours = $"{new[] { "dom", "lun", "mar", "mie", "jue", "vie", "sab" }[(int)santiago.AddDays(2).DayOfWeek]} 09:00-19:00";

        var closed = await system.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{id}", new { BusinessHours = hours, TimeZone = "America/Santiago" });
        var whileClosed = await system.AskAsync("horario-bot", "hola");
        await system.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{id}", new { BusinessHours = "" });
        var alwaysOpen = await system.AskAsync("horario-bot", "hola");

        Assert.True(closed.Status == HttpStatusCode.OK, closed.ToString());
        Assert.Contains(hours, whileClosed.Field("respuesta"), StringComparison.Ordinal);
        Assert.True(alwaysOpen.Status == HttpStatusCode.OK, alwaysOpen.ToString());
        Assert.DoesNotContain(hours, alwaysOpen.Field("respuesta"), StringComparison.Ordinal);
    }

    private static void AssertSettings(Reply reply, string currency, string? hours, string timeZone, bool llm, string? persona)
    {
        var json = reply.Json();
        Assert.Equal(currency, json.GetProperty("currency").GetString());
        Assert.Equal(hours, json.GetProperty("business_hours").GetString());
        Assert.Equal(timeZone, json.GetProperty("time_zone").GetString());
        Assert.Equal(llm, json.GetProperty("llm_enabled").GetBoolean());
        Assert.Equal(persona, json.GetProperty("llm_persona").GetString());
    }

    private async Task<string> CreateAsync(string slug)
    {
        var created = await system.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = $"Tienda {slug}", Slug = slug });
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return created.Field("id")!;
    }
}
