using Sintestesia.TenantConfig.Lookup;

namespace Sintestesia.Gateway.Api;

/// <summary>A tenant as <c>GET /tenants</c> and the admin API show it.</summary>
public sealed record TenantJson(
    string Id, string Name, string Slug, string WebhookUrl, string FullWebhookUrl, string TwilioWebhookUrl, string Status, DateTime CreatedAt)
{
    public static TenantJson From(TenantRecord t, string internalBaseUrl, string baseDomain) => new(
        t.Id, t.Name, t.Slug, $"/webhook/{t.Slug}", $"{internalBaseUrl}/webhook/{t.Slug}",
        $"https://{t.Slug}.{baseDomain}/bot/twilio/webhook", t.Status, DateTime.SpecifyKind(t.CreatedAt, DateTimeKind.Utc));
}

public sealed record TenantsResponse(string Status, int TotalTenants, IReadOnlyList<TenantJson> Tenants);

public sealed record CreateTenantRequest(string? Name, string? Slug, string? Id);

public sealed record UpdateTenantRequest(string? Name, string? Status);

public sealed record TwilioRequest(string? AccountSid, string? AuthToken, string? FromNumber);

public sealed record CountResponse(int Count);

public sealed record MessageJson(long Id, string Direction, string Channel, string Phone, string Body, string? ProviderMessageId, long? InReplyToId, DateTime CreatedAt);

public sealed record MessagesResponse(string Status, string TenantId, IReadOnlyList<MessageJson> Messages);

public sealed record ReadinessResponse(string Status, int Tenants, long SnapshotVersion, string Database, int HealthyBotHosts, int BotHosts);
