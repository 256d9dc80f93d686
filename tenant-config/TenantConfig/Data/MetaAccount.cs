namespace Sintestesia.TenantConfig.Data;

/// <summary>
/// A tenant's WhatsApp Cloud API number (table <c>meta_accounts</c>). Secrets are stored encrypted: the app secret
/// checks <c>X-Hub-Signature-256</c>, the access token sends replies, the verify token answers Meta's handshake.
/// </summary>
public sealed class MetaAccount
{
    public long Id { get; set; }
    public required string TenantId { get; set; }

    /// <summary>Meta's ID of the number (<c>metadata.phone_number_id</c>); one tenant per number.</summary>
    public required string PhoneNumberId { get; set; }

    public string? DisplayPhoneNumber { get; set; }
    public required string VerifyTokenEnc { get; set; }
    public required string AppSecretEnc { get; set; }
    public required string AccessTokenEnc { get; set; }
    public string Status { get; set; } = "active";
}
