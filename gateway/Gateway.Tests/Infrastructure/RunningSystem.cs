using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Sintestesia.BotHost;
using Sintestesia.TenantConfig.Data;
using Sintestesia.Testing;

namespace Sintestesia.Gateway.Tests.Infrastructure;

/// <summary>
/// The whole platform on loopback: a seeded database (a temp SQLite file unless <paramref name="databaseProvider"/> says
/// <c>postgres</c>), bot hosts and a gateway, each a real Kestrel server in this process, sharing one secret key and one
/// proof secret.
/// </summary>
public abstract class RunningSystem(int botHostCount, bool adminApi, string databaseProvider = DatabaseOptions.Sqlite) : IAsyncLifetime
{
    private readonly List<WebApplication> _apps = [];
    private readonly string _logKey = Guid.NewGuid().ToString("N");

    public TestSecrets Secrets { get; } = TestSecrets.New();

    public TenantDatabase Database { get; } = new(databaseProvider);

    public virtual Uri PublicUrl { get; } = FreePort.NextUrl();

    public Uri InternalUrl { get; } = FreePort.NextUrl();

    public IReadOnlyList<Uri> BotHostUrls { get; } = [.. Enumerable.Range(0, botHostCount).Select(_ => FreePort.NextUrl())];

    public HttpClient Http { get; } = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(20),
    };

    public async Task InitializeAsync()
    {
        try
        {
            await Database.CreateAsync(Secrets.SecretKey, seed: true);
            foreach (var url in BotHostUrls)
            {
                await StartAsync(BotHostApp.Build([], b =>
                {
                    b.Configuration.AddInMemoryCollection(CommonSettings());
                    b.WebHost.UseUrls(url.ToString());
                }));
            }

            await StartAsync(GatewayApp.Build(GatewayArguments, b =>
            {
                b.Configuration.AddInMemoryCollection(GatewaySettings());
                ConfigureGateway(b);
            }));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        // Gateway first (started last), so nothing is forwarded to a bot host that is already gone.
        for (var i = _apps.Count - 1; i >= 0; i--)
        {
            await _apps[i].StopAsync();
            await _apps[i].DisposeAsync();
        }

        _apps.Clear();
        Http.Dispose();
        await Database.DisposeAsync();
    }

    /// <summary>Stops the gateway the way a deploy does (graceful shutdown); the bot hosts and the database stay.</summary>
    public async Task StopGatewayAsync()
    {
        var gateway = _apps[^1];
        await gateway.StopAsync();
        await gateway.DisposeAsync();
        _apps.RemoveAt(_apps.Count - 1);
    }

    /// <summary>Stops one bot host, as a crash or a deploy would; the gateway is not told.</summary>
    public async Task StopBotHostAsync(int index)
    {
        var botHost = _apps[index];
        await botHost.StopAsync();
        await botHost.DisposeAsync();
        _apps.RemoveAt(index);
    }

    /// <summary>Command-line arguments of the gateway (e.g. its environment).</summary>
    protected virtual string[] GatewayArguments => [];

    /// <summary>Settings a system of its own may add to the gateway's.</summary>
    protected virtual void AddGatewaySettings(Dictionary<string, string?> settings)
    {
    }

    /// <summary>
    /// Whether <see cref="GatewayLogs"/> keeps the gateway's log events; off by default, since kept events would show as
    /// memory growth in the tests that measure it.
    /// </summary>
    protected virtual bool CapturesLogs => false;

    /// <summary>What the gateway logged at its configured level, when the system <see cref="CapturesLogs"/>.</summary>
    public IReadOnlyList<Serilog.Events.LogEvent> GatewayLogs => CapturedLogs.For(_logKey);

    /// <summary>Services a system of its own may put in the gateway before its own (e.g. a clock).</summary>
    protected virtual void ConfigureGateway(WebApplicationBuilder builder)
    {
    }

    private async Task StartAsync(WebApplication app)
    {
        _apps.Add(app);
        await app.StartAsync();
    }

    private Dictionary<string, string?> CommonSettings() => new()
    {
        ["ConnectionStrings:Tenants"] = Database.ConnectionString,
        ["Database:Provider"] = Database.Provider,
        ["Secrets:Key"] = Secrets.SecretKey,
        ["Proof:Secret"] = Secrets.ProofSecret,
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };

    private Dictionary<string, string?> GatewaySettings()
    {
        var settings = CommonSettings();
        settings["Gateway:PublicUrl"] = PublicUrl.ToString();
        settings["Gateway:InternalUrl"] = InternalUrl.ToString();
        settings["Gateway:RefreshIntervalMilliseconds"] = "200";
        if (CapturesLogs)
        {
            settings["Serilog:Using:0"] = typeof(CapturedLogs).Assembly.GetName().Name;
            settings["Serilog:WriteTo:0:Name"] = nameof(CapturedLogs.TestCapture);
            settings["Serilog:WriteTo:0:Args:key"] = _logKey;
        }
        for (var i = 0; i < BotHostUrls.Count; i++)
        {
            settings[string.Create(CultureInfo.InvariantCulture, $"Gateway:BotHosts:{i}")] = BotHostUrls[i].ToString().TrimEnd('/');
        }

        // Empty values override any token the machine's environment may carry: closed means closed.
        settings["Admin:Token"] = adminApi ? Secrets.AdminToken : string.Empty;
        settings["SINTESTESIA_ADMIN_TOKEN"] = adminApi ? Secrets.AdminToken : string.Empty;
        AddGatewaySettings(settings);
        return settings;
    }
}

/// <summary>The system most tests share: two bot hosts and an open admin API.</summary>
public sealed class SharedSystem() : RunningSystem(botHostCount: 2, adminApi: true);

[CollectionDefinition(Name)]
public sealed class SharedSystemDefinition : ICollectionFixture<SharedSystem>
{
    public const string Name = "shared system";
}

/// <summary>The shared system's twin on PostgreSQL, for the test bases that run on both providers.</summary>
public sealed class PostgresSystem() : RunningSystem(botHostCount: 2, adminApi: true, DatabaseOptions.Postgres);

[CollectionDefinition(Name)]
public sealed class PostgresSystemDefinition : ICollectionFixture<PostgresSystem>
{
    public const string Name = "postgres system";
}
