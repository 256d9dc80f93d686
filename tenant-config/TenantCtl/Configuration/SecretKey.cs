using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Sintestesia.TenantConfig.Secrets;

namespace Sintestesia.TenantCtl.Configuration;

/// <summary>The key that encrypts Twilio auth tokens, read from the same variables the gateway reads.</summary>
internal static class SecretKey
{
    private const string PreviousKeyPrefix = "Secrets__PreviousKeys__";

    public static SecretProtector FromEnvironment()
    {
        var options = new SecretOptions
        {
            Key = Environment.GetEnvironmentVariable("Secrets__Key") ?? Environment.GetEnvironmentVariable("SINTESTESIA_SECRET_KEY"),
            KeyId = CurrentKeyId(),
            PreviousKeys = PreviousKeysFromEnvironment(),
        };
        if (options.Key is null)
        {
            throw new UsageException("No secret key: set Secrets__Key (or SINTESTESIA_SECRET_KEY) to the base64 32-byte key the gateway uses, so it can decrypt the Twilio auth tokens written here.");
        }

        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true))
        {
            throw new UsageException(string.Join(' ', problems.Select(p => p.ErrorMessage)));
        }

        try
        {
            return new SecretProtector(options);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"The secret key is not usable: {e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal)}");
        }
    }

    /// <summary>The ID new ciphertext is written with: <c>Secrets__KeyId</c>, else the gateway's default.</summary>
    public static string CurrentKeyId() =>
        Environment.GetEnvironmentVariable("Secrets__KeyId") is { Length: > 0 } keyId ? keyId : new SecretOptions().KeyId;

    /// <summary>Keys that only decrypt, as the gateway reads them: <c>Secrets__PreviousKeys__{key-id}={base64}</c>.</summary>
    private static Dictionary<string, string> PreviousKeysFromEnvironment()
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Environment.GetEnvironmentVariables().Keys.OfType<string>())
        {
            // Configuration keys are case-insensitive, and so is this prefix; the key ID keeps its case.
            if (name.StartsWith(PreviousKeyPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > PreviousKeyPrefix.Length
                && Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                keys[name[PreviousKeyPrefix.Length..]] = value;
            }
        }

        return keys;
    }

    /// <summary>
    /// For commands that never store a credential: <c>TenantAdministration</c> wants a protector, but asking
    /// ops for the key to add or list tenants would spread it to more shells than need it.
    /// </summary>
    public static SecretProtector Unused() =>
        new(new SecretOptions { Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), KeyId = "unused" });
}
