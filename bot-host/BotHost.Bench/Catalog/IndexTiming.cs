using System.Diagnostics;
using Sintestesia.BotHost.Bench.Hosting;
using Sintestesia.BotHost.Search;

namespace Sintestesia.BotHost.Bench.Catalog;

/// <summary>How long the bot host's search index takes to build over a tenant's catalog, without HTTP or database.</summary>
internal static class IndexTiming
{
    public static TimeSpan Measure(BenchTenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var rows = tenant.Products.Select((p, i) => p.Input.ToProduct(tenant.Id, i + 1).Product!).ToList();
        var started = Stopwatch.GetTimestamp();
        using var index = new CatalogIndex(rows);
        return Stopwatch.GetElapsedTime(started);
    }
}
