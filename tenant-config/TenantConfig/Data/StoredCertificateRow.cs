namespace Sintestesia.TenantConfig.Data;

/// <summary>
/// One TLS certificate shared by every gateway (table <c>certificates</c>): the PEM chain, leaf first, and its
/// PKCS#8 private key encrypted with <see cref="Secrets.SecretProtector"/>.
/// </summary>
public sealed class StoredCertificateRow
{
    /// <summary>The host name it serves, lower case, e.g. <c>acme.sintestesia.cl</c> or <c>*.sintestesia.cl</c>.</summary>
    public required string Name { get; set; }

    /// <summary>The leaf certificate, then its intermediates, nearest issuer first, as PEM.</summary>
    public required string ChainPem { get; set; }

    /// <summary>Ciphertext of the private key PEM; never the key itself.</summary>
    public required string KeyPemEnc { get; set; }

    /// <summary>The leaf's expiry (UTC), so ops can list what is due without decoding the chain.</summary>
    public DateTime NotAfter { get; set; }

    public DateTime UpdatedAt { get; set; }
}
