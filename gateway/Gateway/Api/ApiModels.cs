using System.Text.Json.Serialization;
using Sintestesia.Gateway.RateLimiting;
using Sintestesia.TenantConfig.Administration;
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

/// <summary>
/// A tenant as the admin API shows it: the <c>/tenants</c> fields, then the shop's settings, its own webhook rate
/// limit (null: the gateway's <c>Gateway:RateLimit:PerMinute</c>) and its bot-host pool (null: the default pool).
/// </summary>
public sealed record AdminTenantJson(
    string Id, string Name, string Slug, string WebhookUrl, string FullWebhookUrl, string TwilioWebhookUrl, string Status, DateTime CreatedAt,
    string Currency, string? BusinessHours, string TimeZone, bool LlmEnabled, string? LlmPersona, int? RateLimitPerMinute, string? BotPool)
{
    public static AdminTenantJson From(TenantDetails details, string internalBaseUrl, string baseDomain)
    {
        ArgumentNullException.ThrowIfNull(details);
        var (t, s) = (TenantJson.From(details.Tenant, internalBaseUrl, baseDomain), details.Settings);
        return new(t.Id, t.Name, t.Slug, t.WebhookUrl, t.FullWebhookUrl, t.TwilioWebhookUrl, t.Status, t.CreatedAt,
            s.Currency, s.BusinessHours, s.TimeZone, s.LlmEnabled, s.LlmPersona, details.RateLimitPerMinute, details.BotPool);
    }
}

public sealed record TenantsResponse(string Status, int TotalTenants, IReadOnlyList<TenantJson> Tenants);

public sealed record CreateTenantRequest(string? Name, string? Slug, string? Id);

/// <summary>
/// Absent fields stay as they are; an empty business_hours, time_zone or llm_persona clears it; a null
/// rate_limit_per_minute returns to the gateway's default, and so does an empty or null bot_pool to the default pool.
/// </summary>
public sealed record UpdateTenantRequest(
    string? Name, string? Status, string? Currency, string? BusinessHours, string? TimeZone, bool? LlmEnabled, string? LlmPersona,
    [property: JsonConverter(typeof(RateLimitChangeJsonConverter))] RateLimitChange? RateLimitPerMinute = null,
    [property: JsonConverter(typeof(BotPoolChangeJsonConverter))] string? BotPool = null);

public sealed record TwilioRequest(string? AccountSid, string? AuthToken, string? FromNumber);

public sealed record CountResponse(int Count);

/// <summary>A stored message; <c>status</c>/<c>error</c> tell ops what became of an answer (sent, suppressed, queued, delivered, failed…).</summary>
public sealed record MessageJson(long Id, string Direction, string Channel, string Phone, string Body, string? ProviderMessageId, long? InReplyToId, DateTime CreatedAt)
{
    public string? Status { get; init; }

    public string? Error { get; init; }

    /// <summary>Media or location of an inbound message, as stored (JSON text).</summary>
    public string? Media { get; init; }
}

public sealed record MessagesResponse(string Status, string TenantId, IReadOnlyList<MessageJson> Messages);

public sealed record ConversationJson(string Phone, bool Handoff, bool OptedOut, DateTime UpdatedAt)
{
    public static ConversationJson From(ConversationRecord c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Phone, c.Handoff, c.OptedOut, DateTime.SpecifyKind(c.UpdatedAt, DateTimeKind.Utc));
    }
}

public sealed record ConversationsResponse(string Status, string TenantId, IReadOnlyList<ConversationJson> Conversations);

public sealed record ReadinessResponse(
    string Status, int Tenants, long SnapshotVersion, string Database, int HealthyBotHosts, int BotHosts, CertificatesReadiness Certificates,
    RateLimitsReadiness RateLimits);

/// <summary>
/// Certificate state in <c>/readyz</c>; informational, since a failing renewal keeps serving the current certificate.
/// <c>https</c> is <c>off</c> when this gateway does not terminate TLS.
/// </summary>
public sealed record CertificatesReadiness(string Https, string Acme, int Count, int Valid, int RenewalDue, int Expired, int Failing);

/// <summary>
/// Rate limits in <c>/readyz</c>: <c>sharing</c> is <c>off</c> (each gateway limits on its own), <c>on</c> (limits hold
/// across the gateways on the database) or <c>unavailable; limiting locally</c> while the last sync failed;
/// <c>syncs</c> counts the syncs that reached the database, the last at <c>last_sync_at</c>.
/// </summary>
public sealed record RateLimitsReadiness(string Sharing, string? GatewayId, long Syncs, DateTimeOffset? LastSyncAt);

/// <summary>One certificate in <c>GET /admin/certificates</c>.</summary>
public sealed record CertificateJson(
    string Name, IReadOnlyList<string> DnsNames, DateTimeOffset? NotBefore, DateTimeOffset? NotAfter, string? Issuer,
    string State, DateTimeOffset? RenewAfter, string? LastError, DateTimeOffset? NextAttempt);

public sealed record CertificatesResponse(string Https, string Acme, long OrdersPlaced, IReadOnlyList<CertificateJson> Certificates);

public sealed record IssueCertificateRequest(string? Name);

public sealed record RenewCertificatesRequest(bool Force);

public sealed record RenewCertificatesResponse(int Renewed, IReadOnlyList<CertificateJson> Certificates);
