using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Sintestesia.Certs;
using Sintestesia.Certs.Tests.Acme;
using Sintestesia.Gateway.Tests.Infrastructure;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.Gateway.Tests.Tls.Acme;

/// <summary>
/// Pebble and three gateways on one database with <c>Certificates:Store=database</c>, as behind one load balancer. The
/// validating gateway (the base's) listens where pebble validates; the two ordering gateways, one per challenge type,
/// listen on ports of their own, so every validation reaches a gateway that did not place the order.
/// </summary>
public abstract class SharedAcmeSystem(string provider) : RunningSystem(botHostCount: 1, adminApi: true, provider), IAsyncLifetime
{
    private const string Store = "database";

    private readonly string _certificatesRoot = Directory.CreateTempSubdirectory("gw-shared-acme-").FullName;
    private readonly List<WebApplication> _orderingApps = [];
    private Dictionary<string, string?> _settings = [];

    public PebbleFixture Pebble { get; } = new();

    public override Uri PublicUrl => new($"http://127.0.0.1:{Pebble.HttpChallengePort}");

    public int HttpsPort => Pebble.TlsChallengePort;

    public OrderingGateway Http01Ordering { get; } = new(ChallengeTypes.Http01);

    public OrderingGateway TlsAlpn01Ordering { get; } = new(ChallengeTypes.TlsAlpn01);

    /// <summary>Every gateway's certificates folder is under here.</summary>
    public string CertificatesRoot => _certificatesRoot;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Pebble.InitializeAsync();
        try
        {
            // A base that fails to start has cleaned up after itself already.
            await base.InitializeAsync();
        }
        catch
        {
            await DisposeOwnAsync();
            throw;
        }

        try
        {
            foreach (var ordering in new[] { Http01Ordering, TlsAlpn01Ordering })
            {
                var settings = ordering.Settings(_settings, Pebble, Path.Combine(_certificatesRoot, ordering.Challenge), Store);
                var app = GatewayApp.Build([], b => b.Configuration.AddInMemoryCollection(settings));
                _orderingApps.Add(app);
                await app.StartAsync();
            }
        }
        catch
        {
            await ((IAsyncLifetime)this).DisposeAsync();
            throw;
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var app in _orderingApps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await base.DisposeAsync();
        await DisposeOwnAsync();
    }

    protected override void AddGatewaySettings(Dictionary<string, string?> settings)
    {
        AcmeGateway.AddAcmeSettings(settings, Pebble, HttpsPort, ChallengeTypes.Http01, Path.Combine(_certificatesRoot, "validating"), Store);
        _settings = new(settings);
    }

    private async Task DisposeOwnAsync()
    {
        await Pebble.DisposeAsync();
        Directory.Delete(_certificatesRoot, recursive: true);
    }
}

/// <summary>A gateway that orders by one challenge type on listeners pebble never validates.</summary>
public sealed class OrderingGateway(string challenge)
{
    public string Challenge => challenge;

    public Uri InternalUrl { get; } = FreePort.NextUrl();

    public int HttpsPort { get; } = FreePort.NextUrl().Port;

    private Uri PublicUrl { get; } = FreePort.NextUrl();

    /// <summary>The validating gateway's settings, with this gateway's listeners, challenge and certificates folder.</summary>
    internal Dictionary<string, string?> Settings(Dictionary<string, string?> validating, PebbleFixture pebble, string certificatesPath, string store)
    {
        var settings = new Dictionary<string, string?>(validating)
        {
            ["Gateway:PublicUrl"] = PublicUrl.ToString(),
            ["Gateway:InternalUrl"] = InternalUrl.ToString(),
        };
        AcmeGateway.AddAcmeSettings(settings, pebble, HttpsPort, challenge, certificatesPath, store);
        return settings;
    }
}

public sealed class SqliteSharedAcmeSystem() : SharedAcmeSystem(DatabaseOptions.Sqlite);

public sealed class PostgresSharedAcmeSystem() : SharedAcmeSystem(DatabaseOptions.Postgres);
