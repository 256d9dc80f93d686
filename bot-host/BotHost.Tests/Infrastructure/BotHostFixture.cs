using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Proof;
using Sintestesia.TenantConfig.Secrets;
using Sintestesia.TenantConfig.Seed;

namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>
/// One real bot host on a loopback port over a temp SQLite file holding the demo shops. The tests play the
/// gateway, so they share its proof secret and nothing else.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class BotHostFixture : IAsyncLifetime
{
    /// <summary>The conversation idle timeout this host runs with (<c>Conversation:IdleMinutes</c>).</summary>
    public const int IdleMinutes = 30;

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bothost-tests-{Guid.NewGuid():N}.db");
    private readonly string _secretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _proofSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    private WebApplication? _app;
    private HttpClient? _client;

    public BotHostFixture()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A bot host with extra settings, e.g. section <c>Llm</c> for a second host.</summary>
    internal BotHostFixture(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        Protector = new SecretProtector(new SecretOptions { Key = _secretKey });
        Gateway = new GatewayRequests(new GatewayProof(new ProofOptions { Secret = _proofSecret }));
        Messages = new StoredMessages(ConnectionString);
        Sql = new PlainSql(ConnectionString);
    }

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{FreePort()}");

    public HttpClient Client => _client ?? throw new InvalidOperationException("The bot host has not started.");

    public GatewayRequests Gateway { get; }

    public StoredMessages Messages { get; }

    /// <summary>The database as ops and other tools see it: plain SQL, no EF.</summary>
    public PlainSql Sql { get; }

    public SecretProtector Protector { get; }

    public string ConnectionString => $"Data Source={_file}";

    public TenantDbContext CreateContext() => DatabaseRegistration.CreateContext(DatabaseOptions.Sqlite, ConnectionString);

    public async Task InitializeAsync()
    {
        await using (var db = CreateContext())
        {
            await DatabaseMigrator.MigrateAsync(db);
            await DemoSeed.ApplyAsync(new TenantAdministration(db, Protector, TimeProvider.System), CancellationToken.None);
        }

        _app = BotHostApp.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Tenants"] = ConnectionString,
                ["Secrets:Key"] = _secretKey,
                ["Proof:Secret"] = _proofSecret,
                ["Serilog:MinimumLevel:Default"] = "Warning",
                ["Conversation:IdleMinutes"] = IdleMinutes.ToString(CultureInfo.InvariantCulture),
            });
            b.Configuration.AddInMemoryCollection(_settings);
            b.WebHost.UseUrls(BaseAddress.ToString().TrimEnd('/'));
        });
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
