using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantCtl.Output;

namespace Sintestesia.TenantCtl.Tenants;

internal static class TenantPrinter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static string Describe(TenantRecord tenant) =>
        $"  id:     {tenant.Id}\n  slug:   {tenant.Slug}\n  name:   {tenant.Name}\n  status: {tenant.Status}";

    public static string Describe(TenantDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var (t, s) = (details.Tenant, details.Settings);
        var created = DateTime.SpecifyKind(t.CreatedAt, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        return string.Join('\n',
            $"  id:             {t.Id}",
            $"  slug:           {t.Slug}",
            $"  name:           {t.Name}",
            $"  status:         {t.Status}",
            $"  created:        {created}",
            $"  currency:       {s.Currency}",
            $"  business hours: {s.BusinessHours ?? "always open"}",
            $"  time zone:      {s.TimeZone}",
            $"  llm:            {(s.LlmEnabled ? "on" : "off")}",
            $"  persona:        {(s.LlmPersona is null ? "(none)" : s.LlmPersona.ReplaceLineEndings("\n                  "))}",
            $"  rate limit:     {RateLimitArgument.Describe(details.RateLimitPerMinute)}",
            $"  bot pool:       {details.BotPool ?? "the default bot hosts"}");
    }

    public static string Table(IEnumerable<TenantRecord> tenants)
    {
        var table = new TextTable("ID", "SLUG", "STATUS", "NAME");
        foreach (var t in tenants)
        {
            table.Add(t.Id, t.Slug, t.Status, t.Name);
        }

        return table.ToString();
    }

    // The database stores created_at in UTC without a zone; say so, or JSON readers take it as local time.
    public static string JsonArray(IEnumerable<TenantRecord> tenants) =>
        JsonSerializer.Serialize(tenants.Select(t => new TenantJson(t.Id, t.Slug, t.Name, t.Status, DateTime.SpecifyKind(t.CreatedAt, DateTimeKind.Utc))), Json);

    private sealed record TenantJson(
        string Id,
        string Slug,
        string Name,
        string Status,
        [property: JsonPropertyName("created_at")] DateTime CreatedAt);
}
