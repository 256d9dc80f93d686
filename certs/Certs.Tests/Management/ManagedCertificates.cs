using Microsoft.Extensions.Logging.Abstractions;
using Sintestesia.Certs.Tests.Acme;

namespace Sintestesia.Certs.Tests.Management;

/// <summary>Builds certificate managers against a running pebble, each over a store folder of its own.</summary>
internal sealed class ManagedCertificates(PebbleFixture pebble) : IDisposable
{
    public const string BaseDomain = "sintestesia.cl";

    private readonly List<IDisposable> _owned = [];

    public string StoreDirectory { get; } = Directory.CreateTempSubdirectory("managed-certs-").FullName;

    public static string[] Shops { get; } = ["acme.sintestesia.cl", "bravo.sintestesia.cl", "mundo-canino.sintestesia.cl"];

    public CertificateManager Create(
        TimeProvider? time = null,
        Action<CertificateOptions>? configure = null,
        Func<string, bool>? mayOrderFor = null,
        Func<ICertificateStore, ICertificateStore>? wrapStore = null,
        IOrderLock? orderLock = null,
        ISharedChallengeStore? sharedChallenges = null)
    {
        var options = new CertificateOptions
        {
            BaseDomain = BaseDomain,
            Acme = new AcmeOptions { DirectoryUrl = pebble.DirectoryUrl.ToString(), ServerCertificatePath = pebble.ListenerCertificatePath },
            Dns = new DnsOptions { Provider = "challtestsrv", ChallTestSrvUrl = pebble.ChallTestSrvUrl.ToString() },
            OnDemand = new OnDemandOptions { Challenge = "http-01", HandshakeWaitSeconds = 60 },
        };
        configure?.Invoke(options);
        var http = new HttpClient();
        var manager = new CertificateManager(
            options,
            (wrapStore ?? (store => store))(new FileCertificateStore(StoreDirectory)),
            new FileAccountKeyStore(Path.Combine(StoreDirectory, "acme-account.key.pem")),
            sharedChallenges,
            mayOrderFor ?? (host => Shops.Contains(host)),
            DnsProviders.Create(options.Dns, http),
            fallback: null,
            time ?? TimeProvider.System,
            NullLoggerFactory.Instance)
        {
            OrderLock = orderLock ?? ProcessOrderLock.Instance,
        };
        _owned.Add(http);
        _owned.Add(manager);
        return manager;
    }

    public Task<ManagedHttpsServer> ServeAsync(CertificateManager manager) =>
        ManagedHttpsServer.StartAsync(manager, pebble.HttpChallengePort, pebble.TlsChallengePort);

    public void Dispose()
    {
        _owned.ForEach(owned => owned.Dispose());
        Directory.Delete(StoreDirectory, recursive: true);
    }
}
