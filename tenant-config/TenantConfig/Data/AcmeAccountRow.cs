namespace Sintestesia.TenantConfig.Data;

/// <summary>
/// The ACME account key of every gateway for one CA directory (table <c>acme_accounts</c>): gateways sharing the
/// database share one account instead of registering one each.
/// </summary>
public sealed class AcmeAccountRow
{
    public required string DirectoryUrl { get; set; }

    /// <summary>Ciphertext of the account's PKCS#8 private key PEM; never the key itself.</summary>
    public required string KeyPemEnc { get; set; }

    public DateTime CreatedAt { get; set; }
}
