using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Secrets;

namespace Sintestesia.BotHost.Meta;

/// <summary>
/// One decrypted Meta account of a tenant. A class, not a record: a generated <c>ToString</c> would print the secrets
/// into any log or exception that mentions it.
/// </summary>
internal sealed class MetaCredentials(string phoneNumberId, string verifyToken, string appSecret, string accessToken)
{
    public string PhoneNumberId { get; } = phoneNumberId;
    public string VerifyToken { get; } = verifyToken;
    public string AppSecret { get; } = appSecret;
    public string AccessToken { get; } = accessToken;

    public override string ToString() => $"Meta account {PhoneNumberId}";
}

/// <summary>Reads a tenant's active Meta accounts, decrypting their secrets with the tenant-bound purposes.</summary>
internal sealed partial class MetaAccounts(TenantDbContext db, SecretProtector secrets, ILogger<MetaAccounts> logger)
{
    /// <summary>The tenant's active accounts whose secrets decrypt; one that does not is logged and left out.</summary>
    public async Task<IReadOnlyList<MetaCredentials>> ActiveAsync(string tenantId, CancellationToken ct)
    {
        var rows = await db.MetaAccounts.AsNoTracking()
            .Where(a => a.TenantId == tenantId && a.Status == "active")
            .OrderBy(a => a.Id)
            .ToListAsync(ct);
        var accounts = new List<MetaCredentials>(rows.Count);
        foreach (var row in rows)
        {
            try
            {
                accounts.Add(new MetaCredentials(row.PhoneNumberId,
                    secrets.Unprotect(row.VerifyTokenEnc, SecretProtector.MetaVerifyTokenPurpose(tenantId)),
                    secrets.Unprotect(row.AppSecretEnc, SecretProtector.MetaAppSecretPurpose(tenantId)),
                    secrets.Unprotect(row.AccessTokenEnc, SecretProtector.MetaAccessTokenPurpose(tenantId))));
            }
            catch (SecretDecryptionException e)
            {
                Log.Undecryptable(logger, tenantId, row.PhoneNumberId, e.Message);
            }
        }

        return accounts;
    }

    public async Task<MetaCredentials?> FindAsync(string tenantId, string phoneNumberId, CancellationToken ct) =>
        (await ActiveAsync(tenantId, ct)).FirstOrDefault(a => a.PhoneNumberId == phoneNumberId);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Meta account {PhoneNumberId} of tenant {TenantId} is unusable: {Reason}")]
        public static partial void Undecryptable(ILogger logger, string tenantId, string phoneNumberId, string reason);
    }
}
