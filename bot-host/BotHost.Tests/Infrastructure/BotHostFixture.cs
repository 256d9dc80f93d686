using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Proof;
using Sintestesia.TenantConfig.Secrets;
using Sintestesia.TenantConfig.Seed;
using Sintestesia.Testing;

namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>
/// One real bot host on a loopback port over a database of its own (SQLite or PostgreSQL) holding the demo shops.
/// The tests play the gateway, so they share its proof secret and nothing else.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public class BotHostFixture : IAsyncLifetime
{
    /// <summary>The conversation idle timeout this host runs with (<c>Conversation:IdleMinutes</c>).</summary>
    public const int IdleMinutes = 30;

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _secretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _proofSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    private WebApplication? _app;
    private HttpClient? _client;

    /// <summary>A bot host over <paramref name="database"/>, with extra settings (e.g. section <c>Llm</c>) when given.</summary>
    public BotHostFixture(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Database = database;
        _settings = settings ?? new Dictionary<string, string?>();
        Protector = new SecretProtector(new SecretOptions { Key = _secretKey });
        Gateway = new GatewayRequests(new GatewayProof(new ProofOptions { Secret = _proofSecret }));
        Sql = new PlainSql(database);
        Messages = new StoredMessages(Sql);
    }

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{LoopbackPorts.Next()}");

    public HttpClient Client => _client ?? throw new InvalidOperationException("The bot host has not started.");

    public GatewayRequests Gateway { get; }

    public StoredMessages Messages { get; }

    /// <summary>The database as ops and other tools see it: plain SQL, no EF.</summary>
    public PlainSql Sql { get; }

    public SecretProtector Protector { get; }

    public TestDatabase Database { get; }

    public TenantDbContext CreateContext() => Database.CreateContext();

    public async Task InitializeAsync()
    {
        await Database.CreateAsync();
        await using (var db = CreateContext())
        {
            await DemoSeed.ApplyAsync(new TenantAdministration(db, Protector, TimeProvider.System), CancellationToken.None);
        }

        _app = BotHostApp.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = Database.Provider,
                ["ConnectionStrings:Tenants"] = Database.ConnectionString,
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

        await Database.DisposeAsync();
    }
}
