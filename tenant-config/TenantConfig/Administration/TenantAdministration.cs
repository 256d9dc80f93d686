using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Catalog;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantConfig.Secrets;
using Sintestesia.TenantConfig.Settings;

namespace Sintestesia.TenantConfig.Administration;

/// <summary>
/// Every change ops make to tenants, shared by the admin API and <c>tenantctl</c> so both validate alike.
/// Database triggers bump the directory version, so gateways see each change without being told.
/// </summary>
public sealed partial class TenantAdministration(TenantDbContext db, SecretProtector secrets, TimeProvider time)
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

    public async Task<AdminResult<TenantDetails>> GetDetailsAsync(string id, CancellationToken ct) =>
        await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is { } t ? ToDetails(t) : Refuse.NotFound(id);

    /// <summary>Applies every change or none; the bot reads settings per message, so they apply at once.</summary>
    public async Task<AdminResult<TenantDetails>> UpdateAsync(string id, TenantChanges changes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (TenantChangeRules.Check(changes) is { } invalid)
        {
            return invalid;
        }

        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tenant is null)
        {
            return Refuse.NotFound(id);
        }

        var timeZone = TenantChangeRules.Apply(changes.TimeZone, tenant.TimeZone);
        var hours = tenant.BusinessHours;
        if (changes.BusinessHours is not null)
        {
            // Checked in the time zone they will be read in: the one given now, else the stored one.
            var parsed = BusinessHours.TryParse(changes.BusinessHours, timeZone, out var error);
            if (error is not null || (parsed is null && !TenantChangeRules.IsBlank(changes.BusinessHours)))
            {
                return Refuse.Invalid(error ?? $"'{changes.BusinessHours}' holds no opening hours; write them like 'lun-vie 09:00-19:00; sab 10:00-14:00'.");
            }

            hours = parsed?.Text;
        }

        var pool = TenantChangeRules.Apply(changes.BotPool, tenant.BotPoolId);
        if (changes.BotPool is not null && pool is not null && !await db.BotPools.AnyAsync(p => p.Id == pool, ct))
        {
            // No foreign key on purpose (plain SQL may name a pool before creating it), so the check is here.
            return Refuse.Invalid($"No bot-host pool is named '{pool}'; create it first (PUT /admin/bot-pools/{pool} or `tenantctl pools set`), " +
                "or give an empty value for the default pool.");
        }

        tenant.Name = changes.Name?.Trim() ?? tenant.Name;
        tenant.Status = changes.Status ?? tenant.Status;
        tenant.Currency = changes.Currency?.Trim() ?? tenant.Currency;
        tenant.BusinessHours = hours;
        tenant.TimeZone = timeZone;
        tenant.LlmEnabled = changes.LlmEnabled ?? tenant.LlmEnabled;
        tenant.LlmPersona = TenantChangeRules.Apply(changes.LlmPersona, tenant.LlmPersona);
        tenant.RateLimitPerMinute = changes.RateLimit is { } limit ? limit.PerMinute : tenant.RateLimitPerMinute;
        tenant.BotPoolId = pool;
        await db.SaveChangesAsync(ct);
        return ToDetails(tenant);
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
        await db.MetaAccounts.Where(a => a.TenantId == id).ExecuteDeleteAsync(ct);
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

    private static TenantDetails ToDetails(TenantClient t) => new(ToRecord(t), TenantSettings.Of(t), t.RateLimitPerMinute, t.BotPoolId);
}
