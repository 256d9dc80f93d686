using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.TenantConfig.Lookup;

/// <summary>Reads tenant snapshots, and the cheap change counter that says whether a new one is needed.</summary>
public sealed class TenantSnapshotSource(IDbContextFactory<TenantDbContext> contexts)
{
    /// <summary>
    /// Beyond this many versions behind, or shops changed, reading every shop is cheaper than re-reading the changed
    /// ones (and the change log may no longer reach back that far).
    /// </summary>
    public const int MaxChangesToApply = 5_000;

    public async Task<long> ReadVersionAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ReadVersionAsync(db, cancellationToken);
    }

    /// <summary>Reads every shop, sender and pool.</summary>
    public async Task<TenantSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var snapshot = await LoadAllAsync(db, await ReadVersionAsync(db, cancellationToken), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return snapshot;
    }

    /// <summary>
    /// The snapshot that follows <paramref name="current"/>: when every version since it changed nothing but
    /// <c>tenant_clients</c> rows (the triggers record each in <c>tenant_directory_changes</c>), only those shops are
    /// re-read; otherwise (senders, pools, a gap in the record) everything is. Returns <paramref name="current"/> when
    /// nothing changed.
    /// </summary>
    public async Task<TenantSnapshot> LoadChangesAsync(TenantSnapshot current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var version = await ReadVersionAsync(db, cancellationToken);
        if (version == current.Version)
        {
            return current;
        }

        var snapshot = await ChangedTenantsAsync(db, current, version, cancellationToken)
            ?? await LoadAllAsync(db, version, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return snapshot;
    }

    private static async Task<TenantSnapshot?> ChangedTenantsAsync(TenantDbContext db, TenantSnapshot current, long version, CancellationToken cancellationToken)
    {
        var behind = version - current.Version;
        if (behind is <= 0 or > MaxChangesToApply)
        {
            return null;
        }

        var changes = await db.DirectoryChanges.AsNoTracking()
            .Where(c => c.Version > current.Version && c.Version <= version)
            .Select(c => new { c.Version, c.TenantId })
            .ToListAsync(cancellationToken);
        // Every version in between must be a recorded shop change; one that is not came from another routing table.
        if (changes.Select(c => c.Version).Distinct().Count() != behind)
        {
            return null;
        }

        var ids = changes.Select(c => c.TenantId).ToHashSet(StringComparer.Ordinal);
        if (ids.Count > MaxChangesToApply)
        {
            return null;
        }

        var idList = ids.ToList();
        var rows = await TenantRecords(db.Tenants.AsNoTracking().Where(t => idList.Contains(t.Id))).ToListAsync(cancellationToken);
        return current.WithTenantsReplaced(version, ids, Validated(rows));
    }

    private static async Task<TenantSnapshot> LoadAllAsync(TenantDbContext db, long version, CancellationToken cancellationToken)
    {
        var tenants = await TenantRecords(db.Tenants.AsNoTracking()).ToListAsync(cancellationToken);
        var twilio = await db.TwilioAccounts.AsNoTracking()
            .Where(a => a.Status == "active")
            .Select(a => new { a.FromNumber, a.TenantId, a.AccountSid, a.MessagingServiceSid })
            .ToListAsync(cancellationToken);
        var meta = await db.MetaAccounts.AsNoTracking()
            .Where(a => a.Status == "active")
            .Select(a => new { a.PhoneNumberId, a.TenantId })
            .ToListAsync(cancellationToken);
        var pools = await db.BotPoolDestinations.AsNoTracking()
            .OrderBy(d => d.PoolId).ThenBy(d => d.Address)
            .Select(d => new { d.PoolId, d.Address })
            .ToListAsync(cancellationToken);

        var senders = new SenderRoutes(
            SenderRoutes.Unambiguous(twilio.Select(a => (PhoneNumbers.Canonical(a.FromNumber), a.TenantId))),
            SenderRoutes.Unambiguous(twilio.Select(a => (a.MessagingServiceSid ?? string.Empty, a.TenantId))),
            SenderRoutes.Unambiguous(twilio.Select(a => (SenderRoutes.AccountNumberKey(a.AccountSid, a.FromNumber), a.TenantId))),
            SenderRoutes.Unambiguous(meta.Select(a => (a.PhoneNumberId, a.TenantId))));
        return new TenantSnapshot(version, Validated(tenants), senders)
        {
            BotPools = pools.GroupBy(d => d.PoolId, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, IReadOnlyList<string> (g) => [.. g.Select(d => d.Address)], StringComparer.Ordinal),
        };
    }

    private static Task<long> ReadVersionAsync(TenantDbContext db, CancellationToken cancellationToken) =>
        db.DirectoryVersions.Where(v => v.Id == 1).Select(v => v.Version).FirstOrDefaultAsync(cancellationToken);

    private static IQueryable<TenantRecord> TenantRecords(IQueryable<TenantClient> tenants) =>
        tenants.Select(t => new TenantRecord(t.Id, t.Name, t.Slug, t.Status, t.CreatedAt) { RateLimitPerMinute = t.RateLimitPerMinute, BotPool = t.BotPoolId });

    // Plain SQL is not validated: an out-of-range limit gets the default rather than blocking or unlimiting a shop.
    private static IEnumerable<TenantRecord> Validated(IEnumerable<TenantRecord> tenants) =>
        tenants.Select(t => TenantRules.IsValidRateLimit(t.RateLimitPerMinute) ? t : t with { RateLimitPerMinute = null });
}
