using System.ComponentModel.DataAnnotations;

namespace Sintestesia.TenantConfig.Secrets;

/// <summary>
/// Section <c>Secrets</c> (env <c>Secrets__Key</c> or <c>SINTESTESIA_SECRET_KEY</c>): the AES-256 key that encrypts
/// credentials at rest, as 32 bytes in base64, and the ID written into new ciphertext.
/// </summary>
public sealed class SecretOptions
{
    public const string Section = "Secrets";

    [Required(ErrorMessage = "Secrets:Key is not set: give a base64 32-byte key in Secrets__Key or SINTESTESIA_SECRET_KEY (e.g. `openssl rand -base64 32`).")]
    public string? Key { get; set; }

    [RegularExpression("^[A-Za-z0-9_-]{1,16}$", ErrorMessage = "Secrets:KeyId must be 1-16 letters, digits, '-' or '_'.")]
    public string KeyId { get; set; } = "k1";

    /// <summary>Keys that only decrypt (key ID → base64 key), kept while rows still hold their ciphertext.</summary>
    public Dictionary<string, string> PreviousKeys { get; set; } = [];
}
