using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.TenantConfig.Administration;

/// <summary>
/// Bot-host pools: named sets of bot hosts that serve the shops assigned to them, while every other shop stays on the
/// gateway's default pool. Triggers bump the directory version, so gateways re-route without a restart.
/// </summary>
public sealed partial class TenantAdministration
{
    public async Task<IReadOnlyList<BotPoolRecord>> ListPoolsAsync(CancellationToken ct)
    {
        var ids = await db.BotPools.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        var destinations = (await db.BotPoolDestinations.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.PoolId, d.Address }).ToListAsync(ct))
            .ToLookup(d => d.PoolId, d => d.Address, StringComparer.Ordinal);
        var tenants = await db.Tenants.AsNoTracking().Where(t => t.BotPoolId != null).GroupBy(t => t.BotPoolId!)
            .Select(g => new { Pool = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Pool, g => g.Count, StringComparer.Ordinal, ct);
        return [.. ids.Select(id => new BotPoolRecord(id, [.. destinations[id]], tenants.GetValueOrDefault(id)))];
    }

    /// <summary>
    /// Creates the pool or replaces its hosts, in one transaction: a gateway never sees the pool half written.
    /// Addresses are stored normalized (<see cref="BotPoolRules.NormalizeDestination"/>), so duplicates are caught.
    /// </summary>
    public async Task<AdminResult<BotPoolRecord>> SetPoolAsync(string id, IReadOnlyList<string?>? destinations, CancellationToken ct)
    {
        if (!BotPoolRules.IsValidId(id))
        {
            return Refuse.Invalid($"The pool name '{id}' is not a DNS label: use 1-63 lower-case letters, digits or '-', not starting or ending with '-'.");
        }

        if (destinations is null || destinations.Count is 0 or > BotPoolRules.MaxDestinations)
        {
            return Refuse.Invalid($"Give 1 to {BotPoolRules.MaxDestinations} destinations (bot-host URLs such as http://10.0.0.7:9101); " +
                "to stop using a pool, remove it.");
        }

        var addresses = new List<string>(destinations.Count);
        foreach (var given in destinations)
        {
            if (BotPoolRules.NormalizeDestination(given) is not { } address)
            {
                return Refuse.Invalid($"'{given}' is not a bot-host URL: give an absolute http:// or https:// URL such as http://10.0.0.7:9101, " +
                    $"without query, fragment or user name (at most {BotPoolRules.MaxAddressLength} characters).");
            }

            if (addresses.Contains(address, StringComparer.Ordinal))
            {
                return Refuse.Invalid($"The destination {address} is given more than once.");
            }

            addresses.Add(address);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.BotPools.AnyAsync(p => p.Id == id, ct))
        {
            db.BotPools.Add(new BotPool { Id = id, CreatedAt = time.GetUtcNow().UtcDateTime });
        }

        await db.BotPoolDestinations.Where(d => d.PoolId == id).ExecuteDeleteAsync(ct);
        db.BotPoolDestinations.AddRange(addresses.Select(a => new BotPoolDestination { PoolId = id, Address = a }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another writer created the same pool between our check and our insert; its hosts stand.
            db.ChangeTracker.Clear();
            return Refuse.Conflict($"The pool '{id}' was changed by someone else at the same moment; look at it and try again.");
        }

        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return await ReadPoolAsync(id, ct);
    }

    /// <summary>Removes the pool and its hosts; the shops it served go back to the default pool in the same transaction.</summary>
    public async Task<AdminResult<BotPoolRecord>> RemovePoolAsync(string id, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.BotPools.AnyAsync(p => p.Id == id, ct))
        {
            return PoolMissing(id);
        }

        var removed = await ReadPoolAsync(id, ct);
        await db.Tenants.Where(t => t.BotPoolId == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.BotPoolId, (string?)null), ct);
        // Explicit, because plain-SQL clients of SQLite may run without foreign-key enforcement (no cascade).
        await db.BotPoolDestinations.Where(d => d.PoolId == id).ExecuteDeleteAsync(ct);
        await db.BotPools.Where(p => p.Id == id).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return removed;
    }

    private static AdminError PoolMissing(string id) =>
        Refuse.Missing($"No bot-host pool is named '{id}'; `tenantctl pools list` or GET /admin/bot-pools shows the pools there are.");

    private async Task<BotPoolRecord> ReadPoolAsync(string id, CancellationToken ct)
    {
        var destinations = await db.BotPoolDestinations.AsNoTracking().Where(d => d.PoolId == id).OrderBy(d => d.Id).Select(d => d.Address).ToListAsync(ct);
        var tenants = await db.Tenants.CountAsync(t => t.BotPoolId == id, ct);
        return new BotPoolRecord(id, destinations, tenants);
    }
}
