using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Sintestesia.BotHost.Search;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Settings;

namespace Sintestesia.BotHost.Engine;

/// <summary>A shop's settings and its search index, as of its latest catalog version.</summary>
public sealed record ShopCatalog(ShopProfile Shop, CatalogIndex Index);

/// <summary>
/// Keeps each tenant's search index in memory and rebuilds it only when the tenant's catalog version (bumped by
/// database triggers on any product change, plain SQL included) moves. Idle indexes leave memory after a while.
/// </summary>
internal sealed partial class TenantCatalogs(IDbContextFactory<TenantDbContext> contexts, IMemoryCache cache, ILogger<TenantCatalogs> logger)
{
    private static readonly TimeSpan IdleEviction = TimeSpan.FromMinutes(30);

    public async Task<ShopCatalog?> GetAsync(string tenantId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
            .Select(t => new
            {
                t.Name, t.Currency, t.BusinessHours, t.TimeZone, t.LlmEnabled, t.LlmPersona,
                Version = db.CatalogVersions.Where(v => v.TenantId == t.Id).Select(v => (long?)v.Version).FirstOrDefault() ?? 0,
            })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var hours = BusinessHours.TryParse(row.BusinessHours, row.TimeZone, out var hoursError);
        if (hoursError is not null)
        {
            Log.BadHours(logger, tenantId, hoursError);
        }

        var shop = new ShopProfile(tenantId, row.Name, row.Currency, hours, row.LlmEnabled, row.LlmPersona);
        if (cache.TryGetValue(tenantId, out Cached? cached) && cached!.Version == row.Version)
        {
            return new ShopCatalog(shop, cached.Index);
        }

        var started = TimeProvider.System.GetTimestamp();
        var products = await db.Products.AsNoTracking().Where(p => p.ClientId == tenantId && p.Status == ProductStatus.Active).ToListAsync(ct);
        // Not disposed on eviction: a request may still be searching it; an in-memory index is plain managed memory.
        var index = new CatalogIndex(products);
        cache.Set(tenantId, new Cached(row.Version, index), new MemoryCacheEntryOptions { SlidingExpiration = IdleEviction });
        Log.Indexed(logger, tenantId, index.Count, row.Version, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        return new ShopCatalog(shop, index);
    }

    private sealed record Cached(long Version, CatalogIndex Index);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Indexed the catalog of {TenantId}: {ProductCount} products, version {Version}, in {ElapsedMs:0.0} ms")]
        public static partial void Indexed(ILogger logger, string tenantId, int productCount, long version, double elapsedMs);

        [LoggerMessage(2, LogLevel.Warning, "Business hours of {TenantId} ignored: {Problem}")]
        public static partial void BadHours(ILogger logger, string tenantId, string problem);
    }
}
