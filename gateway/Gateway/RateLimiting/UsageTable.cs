using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.Gateway.RateLimiting;

/// <summary>
/// <c>rate_limit_usage</c>: each gateway writes only its own rows, with absolute counts, so a retried or repeated write
/// changes nothing; readers add up the other gateways' rows. The same SQL runs on SQLite and PostgreSQL.
/// </summary>
internal sealed class UsageTable(IDbContextFactory<TenantDbContext> contexts)
{
    // Three parameters a row: far below the most parameters a statement may have on either provider.
    private const int RowsPerStatement = 1000;

    /// <summary>Writes the counts in one statement (per thousand shops), inserting new rows and overwriting this gateway's old ones.</summary>
    public async Task SaveAsync(string gatewayId, IReadOnlyList<UnsavedCount> counts, CancellationToken cancellationToken)
    {
        if (counts.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var chunk in counts.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder("INSERT INTO rate_limit_usage (tenant_id, window_minute, gateway_id, \"count\") VALUES ");
            var values = new List<object>(1 + (3 * chunk.Length)) { gatewayId };
            foreach (var count in chunk)
            {
                sql.Append(values.Count == 1 ? "" : ", ")
                    .Append(CultureInfo.InvariantCulture, $"({{{values.Count}}}, {{{values.Count + 1}}}, {{0}}, {{{values.Count + 2}}})");
                values.Add(count.TenantId);
                values.Add(count.Minute);
                values.Add(count.Count);
            }

            sql.Append(" ON CONFLICT (tenant_id, window_minute, gateway_id) DO UPDATE SET \"count\" = excluded.\"count\"");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), values, cancellationToken);
        }
    }

    /// <summary>Requests per shop that gateways other than <paramref name="gatewayId"/> admitted in the minute.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ReadOthersAsync(long minute, string gatewayId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RateLimitUsage.AsNoTracking()
            .Where(u => u.WindowMinute == minute && u.GatewayId != gatewayId)
            .GroupBy(u => u.TenantId)
            .Select(g => new { TenantId = g.Key, Count = g.Sum(u => u.Count) })
            .ToDictionaryAsync(g => g.TenantId, g => g.Count, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>Deletes every gateway's rows of minutes before <paramref name="minute"/>; any gateway may, the index on the minute keeps it cheap.</summary>
    public async Task<int> PruneBeforeAsync(long minute, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RateLimitUsage.Where(u => u.WindowMinute < minute).ExecuteDeleteAsync(cancellationToken);
    }
}
