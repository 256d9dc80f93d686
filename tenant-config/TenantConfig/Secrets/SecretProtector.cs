using System.Security.Cryptography;
using System.Text;

namespace Sintestesia.TenantConfig.Secrets;

/// <summary>
/// Encrypts credentials for storage with AES-256-GCM. Ciphertext reads <c>v1:{keyId}:{base64(nonce|tag|data)}</c>;
/// the key ID lets old rows decrypt after a key rotation. The purpose (e.g. the row's tenant) is authenticated
/// data, so a ciphertext copied onto another tenant's row does not decrypt.
/// </summary>
public sealed class SecretProtector
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly string _currentKeyId;
    private readonly Dictionary<string, byte[]> _keys;

    public SecretProtector(SecretOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _currentKeyId = options.KeyId.Contains(':', StringComparison.Ordinal)
            ? throw new ArgumentException("Secrets:KeyId must not contain ':'.", nameof(options))
            : options.KeyId;
        _keys = options.PreviousKeys.ToDictionary(kv => kv.Key, kv => ParseKey(kv.Value, kv.Key), StringComparer.Ordinal);
        _keys[_currentKeyId] = ParseKey(options.Key ?? throw new ArgumentException("Secrets:Key is not set.", nameof(options)), _currentKeyId);
    }

    public string Protect(string plaintext, string purpose)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var blob = new byte[NonceSize + TagSize + data.Length];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_currentKeyId], TagSize);
        aes.Encrypt(nonce, data, blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), Aad(purpose));
        return $"{Version}:{_currentKeyId}:{Convert.ToBase64String(blob)}";
    }

    /// <exception cref="SecretDecryptionException">The text is not ciphertext of a known key for this purpose.</exception>
    public string Unprotect(string ciphertext, string purpose)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        var parts = ciphertext.Split(':', 3);
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new SecretDecryptionException("The stored secret is not in the v1 encrypted format.");
        }

        if (!_keys.TryGetValue(parts[1], out var key))
        {
            throw new SecretDecryptionException($"The stored secret uses key '{parts[1]}', which is not configured.");
        }

        try
        {
            var blob = Convert.FromBase64String(parts[2]);
            if (blob.Length < NonceSize + TagSize)
            {
                throw new SecretDecryptionException("The stored secret is truncated.");
            }

            var data = new byte[blob.Length - NonceSize - TagSize];
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), data, Aad(purpose));
            return Encoding.UTF8.GetString(data);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            throw new SecretDecryptionException("The stored secret does not decrypt with its key for this purpose.");
        }
    }

    /// <summary>True when the ciphertext was written with an older key and should be re-encrypted.</summary>
    public bool NeedsRotation(string ciphertext) =>
        ciphertext is null || !ciphertext.StartsWith($"{Version}:{_currentKeyId}:", StringComparison.Ordinal);

    public static string TwilioTokenPurpose(string tenantId) => $"twilio_accounts.auth_token_enc/{tenantId}";

    public static string MetaVerifyTokenPurpose(string tenantId) => $"meta_accounts.verify_token_enc/{tenantId}";

    public static string MetaAppSecretPurpose(string tenantId) => $"meta_accounts.app_secret_enc/{tenantId}";

    public static string MetaAccessTokenPurpose(string tenantId) => $"meta_accounts.access_token_enc/{tenantId}";

    /// <summary>The private key of the TLS certificate stored under <paramref name="name"/> (table <c>certificates</c>).</summary>
    public static string CertificateKeyPurpose(string name) => $"certificates.key_pem_enc/{name}";

    /// <summary>The ACME account key for the CA at <paramref name="directoryUrl"/> (table <c>acme_accounts</c>).</summary>
    public static string AcmeAccountKeyPurpose(string directoryUrl) => $"acme_accounts.key_pem_enc/{directoryUrl}";

    private static byte[] Aad(string purpose) => Encoding.UTF8.GetBytes(purpose);

    private static byte[] ParseKey(string base64, string keyId)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"Secret key '{keyId}' is not valid base64.", nameof(base64));
        }

        return key.Length == 32 ? key : throw new ArgumentException($"Secret key '{keyId}' must be 32 bytes, not {key.Length}.", nameof(base64));
    }
}

public sealed class SecretDecryptionException(string message) : Exception(message);
