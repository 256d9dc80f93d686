using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Catalog;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantConfig.Secrets;

namespace Sintestesia.TenantConfig.Administration;

/// <summary>
/// Every change ops make to tenants, shared by the admin API and <c>tenantctl</c> so both validate alike.
/// Database triggers bump the directory version, so gateways see each change without being told.
/// </summary>
public sealed class TenantAdministration(TenantDbContext db, SecretProtector secrets, TimeProvider time)
{
    public async Task<IReadOnlyList<TenantRecord>> ListAsync(CancellationToken ct) =>
        await db.Tenants.AsNoTracking().OrderBy(t => t.Slug).Select(t => ToRecord(t)).ToListAsync(ct);

    public async Task<AdminResult<TenantRecord>> GetAsync(string id, CancellationToken ct) =>
        await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is { } t ? ToRecord(t) : Refuse.NotFound(id);

    public async Task<AdminResult<TenantRecord>> CreateAsync(string? name, string? slug, string? id, CancellationToken ct)
    {
        if (!TenantRules.IsValidName(name))
        {
            return Refuse.Invalid($"The name must be 1 to {TenantRules.MaxNameLength} characters.");
        }

        if (!TenantRules.IsValidSlug(slug))
        {
            return Refuse.Invalid($"The slug '{slug}' is not a DNS label: use 1-63 lower-case letters, digits or '-', not starting or ending with '-' (and not www, api, admin or mail).");
        }

        id ??= TenantRules.DefaultId(slug!, time.GetUtcNow());
        if (!TenantRules.IsValidId(id))
        {
            return Refuse.Invalid($"The ID '{id}' must be lower-case letters, digits, '-' or '_' (at most 100).");
        }

        if (await db.Tenants.AnyAsync(t => t.Slug == slug || t.Id == id, ct))
        {
            return Refuse.Conflict($"A tenant with the slug '{slug}' or the ID '{id}' already exists.");
        }

        var tenant = new TenantClient { Id = id, Name = name!.Trim(), Slug = slug!, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Tenants.Add(tenant);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another writer of the same slug or ID.
            return Refuse.Conflict($"A tenant with the slug '{slug}' or the ID '{id}' already exists.");
        }

        return ToRecord(tenant);
    }

    public async Task<AdminResult<TenantRecord>> UpdateAsync(string id, string? name, string? status, CancellationToken ct)
    {
        if (name is not null && !TenantRules.IsValidName(name))
        {
            return Refuse.Invalid($"The name must be 1 to {TenantRules.MaxNameLength} characters.");
        }

        if (status is not null && !TenantStatus.IsValid(status))
        {
            return Refuse.Invalid($"The status '{status}' is not 'active' or 'inactive'.");
        }

        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tenant is null)
        {
            return Refuse.NotFound(id);
        }

        tenant.Name = name?.Trim() ?? tenant.Name;
        tenant.Status = status ?? tenant.Status;
        await db.SaveChangesAsync(ct);
        return ToRecord(tenant);
    }

    /// <summary>Removes the tenant with its catalog, credentials and messages.</summary>
    public async Task<AdminResult<TenantRecord>> DeleteAsync(string id, CancellationToken ct)
    {
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tenant is null)
        {
            return Refuse.NotFound(id);
        }

        // Explicit deletes, because plain-SQL clients of SQLite may run without foreign-key enforcement.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Messages.Where(m => m.TenantId == id).ExecuteDeleteAsync(ct);
        await db.Conversations.Where(c => c.TenantId == id).ExecuteDeleteAsync(ct);
        await db.Products.Where(p => p.ClientId == id).ExecuteDeleteAsync(ct);
        await db.TwilioAccounts.Where(a => a.TenantId == id).ExecuteDeleteAsync(ct);
        await db.Tenants.Where(t => t.Id == id).ExecuteDeleteAsync(ct);
        await db.CatalogVersions.Where(v => v.TenantId == id).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return ToRecord(tenant);
    }

    /// <summary>Replaces the tenant's Twilio account; the auth token is stored encrypted only.</summary>
    public async Task<AdminResult<bool>> SetTwilioAsync(string id, string? accountSid, string? authToken, string? fromNumber, CancellationToken ct)
    {
        if (accountSid is null || !accountSid.StartsWith("AC", StringComparison.Ordinal) || accountSid.Length != 34 || !accountSid[2..].All(char.IsAsciiHexDigit))
        {
            return Refuse.Invalid("account_sid must be 'AC' followed by 32 hexadecimal characters.");
        }

        if (string.IsNullOrWhiteSpace(authToken) || authToken.Length > 200)
        {
            return Refuse.Invalid("auth_token must be given (at most 200 characters).");
        }

        var number = fromNumber is null ? string.Empty : PhoneNumbers.Canonical(fromNumber);
        if (number.Length < 8 || number[0] != '+' || number.LastIndexOf('+') != 0)
        {
            return Refuse.Invalid("from_number must be an E.164 number such as +14155238886 (optionally prefixed 'whatsapp:').");
        }

        if (!await db.Tenants.AnyAsync(t => t.Id == id, ct))
        {
            return Refuse.NotFound(id);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TwilioAccounts.Where(a => a.TenantId == id).ExecuteDeleteAsync(ct);
        db.TwilioAccounts.Add(new TwilioAccount
        {
            TenantId = id,
            AccountSid = accountSid,
            AuthTokenEnc = secrets.Protect(authToken, SecretProtector.TwilioTokenPurpose(id)),
            FromNumber = number,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Replaces the tenant's whole catalog in one transaction; nothing changes if any item is invalid.</summary>
    public async Task<AdminResult<int>> ReplaceProductsAsync(string id, IReadOnlyList<ProductInput>? items, CancellationToken ct)
    {
        if (items is null || items.Count > ProductInput.MaxProductsPerCatalog)
        {
            return Refuse.Invalid($"Give an array of at most {ProductInput.MaxProductsPerCatalog} products.");
        }

        var products = new List<Product>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                return Refuse.Invalid($"Product {i + 1} is null.");
            }

            var (product, error) = items[i].ToProduct(id, i + 1);
            if (error is not null)
            {
                return Refuse.Invalid(error);
            }

            products.Add(product!);
        }

        if (products.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1) is { } dup)
        {
            return Refuse.Invalid($"The product ID '{dup.Key}' appears more than once.");
        }

        if (!await db.Tenants.AnyAsync(t => t.Id == id, ct))
        {
            return Refuse.NotFound(id);
        }

        var ids = products.Select(p => p.Id).ToList();
        if (await db.Products.AnyAsync(p => ids.Contains(p.Id) && p.ClientId != id, ct))
        {
            return Refuse.Conflict("Some product IDs belong to another tenant's catalog; leave 'id' out to have IDs generated.");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Products.Where(p => p.ClientId == id).ExecuteDeleteAsync(ct);
        // ExecuteDelete bypasses the change tracker: forget rows of an earlier import on this context.
        foreach (var stale in db.ChangeTracker.Entries<Product>().Where(e => e.Entity.ClientId == id).ToList())
        {
            stale.State = EntityState.Detached;
        }

        db.Products.AddRange(products);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return products.Count;
    }

    public async Task<AdminResult<IReadOnlyList<StoredMessage>>> RecentMessagesAsync(string id, int limit, CancellationToken ct)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == id, ct))
        {
            return Refuse.NotFound(id);
        }

        var messages = await db.Messages.AsNoTracking().Where(m => m.TenantId == id)
            .OrderByDescending(m => m.Id).Take(Math.Clamp(limit, 1, 500)).ToListAsync(ct);
        return messages;
    }

    private static TenantRecord ToRecord(TenantClient t) => new(t.Id, t.Name, t.Slug, t.Status, t.CreatedAt);
}
