using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sintestesia.Gateway.RateLimiting;
using Sintestesia.Gateway.Tests.Infrastructure;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.Gateway.Tests.RateLimiting;

/// <summary>
/// Two gateways, A and B, in front of one bot host and one database, sharing rate limits (synced every 100 ms), each
/// under a gateway ID of its own. Shops get 5 requests a minute by default, with a roomy burst. The windows' clock stands
/// still mid-minute, so no test straddles two minutes. On PostgreSQL the gateways log in as a role of their own that a
/// test can shut out.
/// </summary>
public abstract class SharedLimitSystem(string provider) : RunningSystem(botHostCount: 1, adminApi: true, provider), IAsyncLifetime
{
    public const int DefaultPerMinute = 5;

    /// <summary>Seconds a client refused by the shared window is told to wait: to the end of the stopped clock's minute.</summary>
    public const int SecondsLeftInMinute = 30;

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly StoppedClock _windowClock = new(MidMinute());
    private Dictionary<string, string?> _settings = [];
    private WebApplication? _gatewayB;

    public PostgresLogin? Login { get; private set; }

    public Uri GatewayA => InternalUrl;

    public Uri GatewayB { get; } = FreePort.NextUrl();

    // xunit calls these: the base starts the database, the bot host and gateway A; these add the login and gateway B.
    async Task IAsyncLifetime.InitializeAsync()
    {
        if (Database.IsPostgres)
        {
            Login = await PostgresLogin.CreateAsync();
        }

        try
        {
            await base.InitializeAsync();
        }
        catch
        {
            // The base has cleaned up after itself; only the login is left.
            if (Login is not null)
            {
                await Login.DisposeAsync();
            }

            throw;
        }

        try
        {
            // Gateway A's settings, as the base gave them, under B's own address and ID.
            var settings = new Dictionary<string, string?>(_settings)
            {
                ["Gateway:PublicUrl"] = FreePort.NextUrl().ToString(),
                ["Gateway:InternalUrl"] = GatewayB.ToString(),
                ["Gateway:RateLimit:GatewayId"] = "gateway-b",
            };
            _gatewayB = GatewayApp.Build([], b =>
            {
                b.Configuration.AddInMemoryCollection(settings);
                ConfigureGateway(b);
            });
            await _gatewayB.StartAsync();
        }
        catch
        {
            await ((IAsyncLifetime)this).DisposeAsync();
            throw;
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_gatewayB is not null)
        {
            await _gatewayB.StopAsync();
            await _gatewayB.DisposeAsync();
        }

        await base.DisposeAsync();
        if (Login is not null)
        {
            await Login.DisposeAsync();
        }
    }

    /// <summary>A new shop through gateway A's admin API, with a limit of its own when given, known to both gateways on return.</summary>
    public async Task<string> CreateShopAsync(string slug, int? perMinute = null)
    {
        var created = await this.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = $"Tienda {slug}", Slug = slug });
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var id = created.Field("id")!;
        if (perMinute is { } limit)
        {
            var limited = await this.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{id}", new { RateLimitPerMinute = limit });
            Assert.True(limited.Status == HttpStatusCode.OK, limited.ToString());
        }

        // A applies its own writes before answering; B follows the database.
        var version = SnapshotVersion(await this.GetAsync(GatewayA, "/readyz"));
        var (b, _) = await Poll.UntilAsync(() => this.GetAsync(GatewayB, "/readyz"), r => SnapshotVersion(r) >= version, Deadline);
        Assert.True(SnapshotVersion(b) >= version, b.ToString());
        return id;
    }

    /// <summary>One shopper message to the shop through one gateway, with the <c>Retry-After</c> it sent back, if any.</summary>
    public async Task<LimitedReply> AskAsync(Uri gateway, string slug)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, $"/webhook/{slug}"))
        {
            Content = GatewayCalls.Json(new { Telefono = GatewayCalls.Shopper, Mensaje = "hola" }),
        };
        using var response = await Http.SendAsync(request);
        return new LimitedReply(await Reply.ReadAsync(response), response.Headers.RetryAfter?.Delta);
    }

    /// <summary>
    /// Returns once each gateway has seen every request the other admitted before the call: both first finish a whole
    /// sync (their counts written), then both finish another (the other's counts read).
    /// </summary>
    public async Task SettleAsync()
    {
        await BothSyncedTwiceAsync();
        await BothSyncedTwiceAsync();
    }

    /// <summary><c>rate_limits</c> of a gateway's <c>/readyz</c>.</summary>
    public async Task<JsonElement> RateLimitsAsync(Uri gateway) =>
        (await this.GetAsync(gateway, "/readyz")).Json().GetProperty("rate_limits");

    protected override void AddGatewaySettings(Dictionary<string, string?> settings)
    {
        settings["Gateway:RateLimit:PerMinute"] = DefaultPerMinute.ToString(CultureInfo.InvariantCulture);
        settings["Gateway:RateLimit:Burst"] = "50";
        settings["Gateway:RateLimit:SyncIntervalMilliseconds"] = "100";
        settings["Gateway:RateLimit:GatewayId"] = "gateway-a";
        if (Database.IsPostgres)
        {
            // Left unset on purpose: PostgreSQL turns sharing on by itself.
            settings["ConnectionStrings:Tenants"] = Login!.ConnectionStringFor(Database);
        }
        else
        {
            settings["Gateway:RateLimit:Shared"] = "true";
        }

        _settings = new(settings);
    }

    protected override void ConfigureGateway(WebApplicationBuilder builder) =>
        builder.Services.AddKeyedSingleton<TimeProvider>(SharedUsage.ClockKey, _windowClock);

    private static DateTimeOffset MidMinute()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 60 - SecondsLeftInMinute, TimeSpan.Zero);
    }

    private static long SnapshotVersion(Reply readiness) => readiness.Json().GetProperty("snapshot_version").GetInt64();

    private async Task BothSyncedTwiceAsync()
    {
        // Twice: a sync already under way when this starts may have written its counts before the last requests.
        var (a, b) = (await SyncsAsync(GatewayA), await SyncsAsync(GatewayB));
        var (synced, _) = await Poll.UntilAsync(async () => (A: await SyncsAsync(GatewayA), B: await SyncsAsync(GatewayB)),
            now => now.A >= a + 2 && now.B >= b + 2, Deadline);
        Assert.True(synced.A >= a + 2 && synced.B >= b + 2, $"syncs: A {a} → {synced.A}, B {b} → {synced.B}");
    }

    private async Task<long> SyncsAsync(Uri gateway) => (await RateLimitsAsync(gateway)).GetProperty("syncs").GetInt64();
}

public sealed class PostgresSharedLimitSystem() : SharedLimitSystem(DatabaseOptions.Postgres);

public sealed class SqliteSharedLimitSystem() : SharedLimitSystem(DatabaseOptions.Sqlite);
