using Sintestesia.Certs.Tests.Acme;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Tls.Acme;

/// <summary>
/// A Production gateway that terminates HTTPS with certificates ordered from pebble: its plain-HTTP listener is on
/// pebble's HTTP-01 port and its HTTPS listener on pebble's TLS-ALPN-01 port, so pebble validates this gateway.
/// </summary>
public sealed class AcmeGateway(PebbleFixture pebble, string challenge, string certificatesPath, bool wildcard = false, string store = "files")
    : RunningSystem(botHostCount: 1, adminApi: true)
{
    public override Uri PublicUrl { get; } = new($"http://127.0.0.1:{pebble.HttpChallengePort}");

    public int HttpsPort => pebble.TlsChallengePort;

    /// <summary>The settings of a gateway that terminates HTTPS on <paramref name="httpsPort"/> with certificates ordered from pebble.</summary>
    public static void AddAcmeSettings(
        Dictionary<string, string?> settings, PebbleFixture pebble, int httpsPort, string challenge, string certificatesPath, string store)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(pebble);
        settings["Gateway:HttpsUrl"] = $"https://127.0.0.1:{httpsPort}";
        settings["Gateway:HttpsRedirectPort"] = httpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Gateway:CertificatesPath"] = certificatesPath;
        settings["Certificates:Acme:DirectoryUrl"] = pebble.DirectoryUrl.ToString();
        settings["Certificates:Acme:ServerCertificatePath"] = pebble.ListenerCertificatePath;
        settings["Certificates:OnDemand:Challenge"] = challenge;
        settings["Certificates:OnDemand:HandshakeWaitSeconds"] = "20";
        settings["Certificates:Store"] = store;
    }

    protected override void AddGatewaySettings(Dictionary<string, string?> settings)
    {
        AddAcmeSettings(settings, pebble, HttpsPort, challenge, certificatesPath, store);
        if (wildcard)
        {
            settings["Certificates:Wildcard"] = "true";
            settings["Certificates:Dns:Provider"] = "challtestsrv";
            settings["Certificates:Dns:ChallTestSrvUrl"] = pebble.ChallTestSrvUrl.ToString();
        }
    }
}

/// <summary>Pebble and one <see cref="AcmeGateway"/> over a certificate folder that outlives gateway restarts.</summary>
public abstract class AcmeSystem(string challenge, bool wildcard = false, string store = "files") : IAsyncLifetime
{
    public PebbleFixture Pebble { get; } = new();

    public string CertificatesPath { get; } = Path.Combine(Path.GetTempPath(), $"gw-acme-{Guid.NewGuid():N}");

    public AcmeGateway Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Pebble.InitializeAsync();
        await StartGatewayAsync();
    }

    /// <summary>Stops the gateway and starts a new one over the same certificate folder, as a deploy would.</summary>
    public async Task RestartGatewayAsync()
    {
        await Gateway.DisposeAsync();
        await StartGatewayAsync();
    }

    public async Task DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        await Pebble.DisposeAsync();
        if (Directory.Exists(CertificatesPath))
        {
            Directory.Delete(CertificatesPath, recursive: true);
        }
    }

    private async Task StartGatewayAsync()
    {
        var gateway = new AcmeGateway(Pebble, challenge, CertificatesPath, wildcard, store);
        // A gateway that fails to start has cleaned up after itself already.
        await gateway.InitializeAsync();
        Gateway = gateway;
    }
}

/// <summary>HTTP-01 on demand, certificates kept in the tenant database (as gateways sharing one database do).</summary>
public sealed class Http01System() : AcmeSystem("http-01", store: "database");

public sealed class TlsAlpn01System() : AcmeSystem("tls-alpn-01");

/// <summary>Wildcard mode only: <c>*.sintestesia.cl</c> by DNS-01 through pebble-challtestsrv, no per-host orders.</summary>
public sealed class WildcardSystem() : AcmeSystem("none", wildcard: true);
