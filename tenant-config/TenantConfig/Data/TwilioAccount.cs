namespace Sintestesia.TenantConfig.Data;

/// <summary>A tenant's Twilio credentials (table <c>twilio_accounts</c>); the auth token is stored encrypted.</summary>
public sealed class TwilioAccount
{
    public long Id { get; set; }
    public required string TenantId { get; set; }
    public required string AccountSid { get; set; }

    /// <summary>Ciphertext produced by <see cref="Secrets.SecretProtector"/>; never the token itself.</summary>
    public required string AuthTokenEnc { get; set; }

    public required string FromNumber { get; set; }
    public string Status { get; set; } = "active";

    /// <summary>The Messaging Service (<c>MG…</c>) whose pool holds this tenant's numbers, when it uses one.</summary>
    public string? MessagingServiceSid { get; set; }
}
