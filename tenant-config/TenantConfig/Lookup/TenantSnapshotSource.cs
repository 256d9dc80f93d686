using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.TenantConfig.Lookup;

/// <summary>Reads tenant snapshots, and the cheap change counter that says whether a new one is needed.</summary>
public sealed class TenantSnapshotSource(IDbContextFactory<TenantDbContext> contexts)
{
    public async Task<long> ReadVersionAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DirectoryVersions.Where(v => v.Id == 1).Select(v => v.Version).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<TenantSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One read transaction: the version and the rows come from the same moment.
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var version = await db.DirectoryVersions.Where(v => v.Id == 1).Select(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        var tenants = await db.Tenants.AsNoTracking()
            .Select(t => new TenantRecord(t.Id, t.Name, t.Slug, t.Status, t.CreatedAt) { RateLimitPerMinute = t.RateLimitPerMinute, BotPool = t.BotPoolId })
            .ToListAsync(cancellationToken);
        // Plain SQL is not validated: an out-of-range limit gets the default rather than blocking or unlimiting a shop.
        tenants = [.. tenants.Select(t => TenantRules.IsValidRateLimit(t.RateLimitPerMinute) ? t : t with { RateLimitPerMinute = null })];
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
        await tx.CommitAsync(cancellationToken);

        var senders = new SenderRoutes(
            SenderRoutes.Unambiguous(twilio.Select(a => (PhoneNumbers.Canonical(a.FromNumber), a.TenantId))),
            SenderRoutes.Unambiguous(twilio.Select(a => (a.MessagingServiceSid ?? string.Empty, a.TenantId))),
            SenderRoutes.Unambiguous(twilio.Select(a => (SenderRoutes.AccountNumberKey(a.AccountSid, a.FromNumber), a.TenantId))),
            SenderRoutes.Unambiguous(meta.Select(a => (a.PhoneNumberId, a.TenantId))));
        return new TenantSnapshot(version, tenants, senders)
        {
            BotPools = pools.GroupBy(d => d.PoolId, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, IReadOnlyList<string> (g) => [.. g.Select(d => d.Address)], StringComparer.Ordinal),
        };
    }
}
