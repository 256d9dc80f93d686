using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Sintestesia.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sintestesia.Gateway.Tests.Faults;

/// <summary>
/// The gateway reaches the database through a link of its own; removing the link makes the database gone for the
/// gateway alone (it cannot even open it), while bot hosts keep storing messages and the test can still add a shop.
/// </summary>
public sealed class GatewayDatabaseLinkSystem() : RunningSystem(botHostCount: 1, adminApi: false)
{
    private string DatabaseFile => new SqliteConnectionStringBuilder(Database.ConnectionString).DataSource;

    private string GatewayLink => Path.Combine(Path.GetDirectoryName(DatabaseFile)!, "gateway-link.db");

    public void CutGatewayOff()
    {
        File.Delete(GatewayLink);
        // Pooled connections keep the file open; the gateway must open a new one to notice.
        SqliteConnection.ClearAllPools();
    }

    public void Reconnect() => File.CreateSymbolicLink(GatewayLink, DatabaseFile);

    protected override void AddGatewaySettings(Dictionary<string, string?> settings)
    {
        Reconnect();
        // SQLite follows the link to the real file, so journal and WAL are the bot hosts' own; ReadWrite never creates.
        settings["ConnectionStrings:Tenants"] = $"Data Source={GatewayLink};Mode=ReadWrite";
        FaultRun.LiftRateLimits(settings);
    }
}

[Collection(FaultsDefinition.Name)]
public sealed class DatabaseGoneTests(GatewayDatabaseLinkSystem system, ITestOutputHelper output) : IClassFixture<GatewayDatabaseLinkSystem>
{
    private const int Senders = 4;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(Math.Min(30, 5 * FaultRun.Scale));

    [Fact]
    public async Task WhileTheDatabaseIsGoneKnownShopsAllAnswerAndAShopAddedMeanwhileAppearsWhenItReturns()
    {
        Assert.Equal("ok", Database(await system.GetAsync(system.InternalUrl, "/readyz")));

        system.CutGatewayOff();
        var (down, _) = await Poll.UntilAsync(() => system.GetAsync(system.InternalUrl, "/readyz"), r => Database(r) != "ok", TimeSpan.FromSeconds(5));
        Assert.StartsWith("unavailable", Database(down), StringComparison.Ordinal);
        var slug = "durante-caida-" + Guid.NewGuid().ToString("N")[..6];
        await system.Database.ExecuteAsync("INSERT INTO tenant_clients (id, name, slug) VALUES (@id, 'Tienda Durante La Caída', @slug)",
            ("@id", slug + "-2024"), ("@slug", slug));

        var failures = new ConcurrentBag<(string Slug, Reply Reply)>();
        var tried = 0;
        using var outage = new CancellationTokenSource(Outage);
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async sender =>
        {
            for (var i = sender; !outage.IsCancellationRequested; i += Senders)
            {
                var shop = DemoShop.All[i % DemoShop.All.Count];
                var reply = await FaultRun.TryAsync(() => system.AskAsync(shop.Slug, "hola"));
                Interlocked.Increment(ref tried);
                if (reply.Status != HttpStatusCode.OK || reply.Field("tenant_id") != shop.Id)
                {
                    failures.Add((shop.Slug, reply));
                }
            }
        }));
        var newShopDuring = await system.AskAsync(slug, "hola");
        var stillDown = Database(await system.GetAsync(system.InternalUrl, "/readyz"));

        system.Reconnect();
        var (after, appearedAfter) = await Poll.UntilAsync(() => system.AskAsync(slug, "hola"), r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(5));
        var held = tried - failures.Count;
        FaultRun.Report(output, "database gone", held, tried, string.Create(CultureInfo.InvariantCulture,
            $"{Outage.TotalSeconds:0} s outage, {Senders} senders, known shops answered {held}/{tried}, shop added meanwhile live {appearedAfter.TotalMilliseconds:0} ms after return"));

        Assert.True(failures.IsEmpty, $"{failures.Count} of {tried} failed, e.g. {failures.FirstOrDefault()}");
        Assert.True(tried >= Senders, "no request was sent during the outage");
        Assert.StartsWith("unavailable", stillDown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, newShopDuring.Status);
        Assert.True(after.Status == HttpStatusCode.OK, after.ToString());
        Assert.True(appearedAfter <= TimeSpan.FromSeconds(2), $"the shop added during the outage was live {appearedAfter.TotalMilliseconds:0} ms after the database returned");
        Assert.Equal("ok", Database(await system.GetAsync(system.InternalUrl, "/readyz")));
    }

    private static string? Database(Reply readiness) => readiness.Field("database");
}
