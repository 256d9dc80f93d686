using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantConfig.Secrets;

namespace Sintestesia.TenantConfig.Administration;

/// <summary>A tenant's WhatsApp Cloud API number: which Meta number it answers, and the three secrets that go with it.</summary>
public sealed partial class TenantAdministration
{
    public const int MaxMetaSecretLength = 500;
    public const int MaxPhoneNumberIdLength = 64;

    /// <summary>
    /// Replaces the tenant's Meta account. The verify token, app secret and access token are stored encrypted, bound to
    /// the tenant, and never returned. Plain parameters rather than a record, so no <c>ToString</c> can print a secret.
    /// </summary>
    public async Task<AdminResult<bool>> SetMetaAsync(string id, string? phoneNumberId, string? displayPhoneNumber,
        string? verifyToken, string? appSecret, string? accessToken, CancellationToken ct)
    {
        var numberId = phoneNumberId?.Trim() ?? string.Empty;
        if (numberId.Length is 0 or > MaxPhoneNumberIdLength || !numberId.All(char.IsAsciiDigit))
        {
            return Refuse.Invalid($"phone_number_id must be Meta's numeric ID of the number (digits only, at most {MaxPhoneNumberIdLength}), as shown in the app's WhatsApp API setup.");
        }

        string? display = null;
        if (!string.IsNullOrWhiteSpace(displayPhoneNumber))
        {
            display = PhoneNumbers.Canonical(displayPhoneNumber);
            var digits = display.Count(char.IsAsciiDigit);
            if (digits is < 6 or > 20 || display.LastIndexOf('+') > 0)
            {
                return Refuse.Invalid("display_phone_number must be a phone number such as +56 9 1234 5678 (or be left out).");
            }
        }

        foreach (var (name, value) in new[] { ("verify_token", verifyToken), ("app_secret", appSecret), ("access_token", accessToken) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > MaxMetaSecretLength || value.Trim().Any(char.IsControl))
            {
                return Refuse.Invalid($"{name} must be given on one line (at most {MaxMetaSecretLength} characters).");
            }
        }

        if (!await db.Tenants.AnyAsync(t => t.Id == id, ct))
        {
            return Refuse.NotFound(id);
        }

        var conflict = Refuse.Conflict($"The phone_number_id '{numberId}' already belongs to another tenant; remove it there before giving it to {id}.");
        if (await db.MetaAccounts.AnyAsync(a => a.PhoneNumberId == numberId && a.TenantId != id, ct))
        {
            return conflict;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.MetaAccounts.Where(a => a.TenantId == id).ExecuteDeleteAsync(ct);
        var account = new MetaAccount
        {
            TenantId = id,
            PhoneNumberId = numberId,
            DisplayPhoneNumber = display,
            VerifyTokenEnc = secrets.Protect(verifyToken!.Trim(), SecretProtector.MetaVerifyTokenPurpose(id)),
            AppSecretEnc = secrets.Protect(appSecret!.Trim(), SecretProtector.MetaAppSecretPurpose(id)),
            AccessTokenEnc = secrets.Protect(accessToken!.Trim(), SecretProtector.MetaAccessTokenPurpose(id)),
        };
        db.MetaAccounts.Add(account);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another tenant claiming the same number (unique phone_number_id).
            db.Entry(account).State = EntityState.Detached;
            return conflict;
        }

        await tx.CommitAsync(ct);
        return true;
    }
}
