using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Secrets;

namespace Sintestesia.TenantConfig.Administration;

/// <summary>Key rotation: every stored credential re-encrypted with the current key, all or nothing.</summary>
public sealed partial class TenantAdministration
{
    private const int MaxFailuresNamed = 5;

    /// <summary>Every encrypted column, as <c>table.column</c>, in the order a rotation reports them.</summary>
    public static readonly IReadOnlyList<string> SecretColumns =
    [
        "twilio_accounts.auth_token_enc", "meta_accounts.verify_token_enc", "meta_accounts.app_secret_enc", "meta_accounts.access_token_enc",
        "certificates.key_pem_enc", "acme_accounts.key_pem_enc",
    ];

    /// <summary>
    /// Re-encrypts every secret column with the current key (<c>Secrets:KeyId</c>/<c>Secrets:Key</c>), reading older
    /// ciphertext with <c>Secrets:PreviousKeys</c>. Secrets already on the current key are left alone, so a second run
    /// changes nothing. If any secret decrypts with no configured key, nothing is written and the refusal names the rows.
    /// </summary>
    public async Task<AdminResult<SecretRotation>> RotateSecretsAsync(CancellationToken ct)
    {
        // One transaction from the first read: a credential replaced meanwhile is either seen here or waits for us.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var stored = await ReadStoredSecretsAsync(ct);

        var rotated = new Dictionary<StoredSecret, string>(ReferenceEqualityComparer.Instance);
        var failures = new List<string>();
        foreach (var secret in stored.Where(s => s.Ciphertext is null || secrets.NeedsRotation(s.Ciphertext)))
        {
            try
            {
                var plaintext = secret.Ciphertext is null ? null : secrets.Unprotect(secret.Ciphertext, secret.Purpose);
                if (plaintext is null)
                {
                    failures.Add($"{secret} is empty.");
                    continue;
                }

                rotated[secret] = secrets.Protect(plaintext, secret.Purpose);
            }
            catch (SecretDecryptionException e)
            {
                // The protector's messages name a key ID or a format problem, never the secret.
                failures.Add($"{secret}: {e.Message}");
            }
        }

        if (failures.Count > 0)
        {
            var more = failures.Count > MaxFailuresNamed ? $" And {failures.Count - MaxFailuresNamed} more." : string.Empty;
            return Refuse.Invalid($"{failures.Count} stored secret(s) decrypt with none of the configured keys, so nothing was re-encrypted. " +
                $"{string.Join(' ', failures.Take(MaxFailuresNamed))}{more} " +
                "Configure the missing key as Secrets__PreviousKeys__<key-id>=<base64 key>, or set those credentials again, then rerun the rotation.");
        }

        foreach (var (secret, ciphertext) in rotated)
        {
            secret.Store(ciphertext);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new SecretRotation([.. SecretColumns.Select(column => new SecretColumnRotation(column,
            rotated.Keys.Count(s => s.Column == column), stored.Count(s => s.Column == column && !rotated.ContainsKey(s))))]);
    }

    private async Task<List<StoredSecret>> ReadStoredSecretsAsync(CancellationToken ct)
    {
        var stored = new List<StoredSecret>();
        foreach (var a in await db.TwilioAccounts.OrderBy(a => a.Id).ToListAsync(ct))
        {
            stored.Add(new(SecretColumns[0], a.Id, a.TenantId, a.AuthTokenEnc, SecretProtector.TwilioTokenPurpose(a.TenantId), v => a.AuthTokenEnc = v));
        }

        foreach (var a in await db.MetaAccounts.OrderBy(a => a.Id).ToListAsync(ct))
        {
            stored.Add(new(SecretColumns[1], a.Id, a.TenantId, a.VerifyTokenEnc, SecretProtector.MetaVerifyTokenPurpose(a.TenantId), v => a.VerifyTokenEnc = v));
            stored.Add(new(SecretColumns[2], a.Id, a.TenantId, a.AppSecretEnc, SecretProtector.MetaAppSecretPurpose(a.TenantId), v => a.AppSecretEnc = v));
            stored.Add(new(SecretColumns[3], a.Id, a.TenantId, a.AccessTokenEnc, SecretProtector.MetaAccessTokenPurpose(a.TenantId), v => a.AccessTokenEnc = v));
        }

        foreach (var c in await db.Certificates.OrderBy(c => c.Name).ToListAsync(ct))
        {
            stored.Add(new(SecretColumns[4], c.Name, null, c.KeyPemEnc, SecretProtector.CertificateKeyPurpose(c.Name), v => c.KeyPemEnc = v));
        }

        foreach (var a in await db.AcmeAccounts.OrderBy(a => a.DirectoryUrl).ToListAsync(ct))
        {
            stored.Add(new(SecretColumns[5], a.DirectoryUrl, null, a.KeyPemEnc, SecretProtector.AcmeAccountKeyPurpose(a.DirectoryUrl), v => a.KeyPemEnc = v));
        }

        return stored;
    }

    /// <summary>One encrypted cell; <see cref="ToString"/> names it for ops and never shows its content.</summary>
    private sealed record StoredSecret(string Column, object RowId, string? TenantId, string? Ciphertext, string Purpose, Action<string> Store)
    {
        public override string ToString() => TenantId is null ? $"{Column} of row {RowId}" : $"{Column} of row {RowId} (tenant {TenantId})";
    }
}
