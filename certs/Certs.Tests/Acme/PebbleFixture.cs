using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Sintestesia.Testing;

namespace Sintestesia.Certs.Tests.Acme;

/// <summary>
/// Starts pebble-challtestsrv and pebble on free loopback ports with a generated listener certificate,
/// and stops both at the end. Nonce rejection is raised to 30% so every test walks the badNonce retry path.
/// </summary>
public sealed class PebbleFixture : IAsyncLifetime
{
    private const string PebblePath = "/usr/bin/pebble";
    private const string ChallTestSrvPath = "/usr/bin/pebble-challtestsrv";

    private readonly string _directory = Directory.CreateTempSubdirectory("pebble-").FullName;
    private readonly List<Process> _processes = [];
    private X509Certificate2? _listenerCertificate;

    public int NonceRejectPercent { get; } = 30;

    /// <summary>Where pebble's validator connects for HTTP-01: the port a test's plain-HTTP listener binds.</summary>
    public int HttpChallengePort { get; } = LoopbackPorts.Next();

    /// <summary>Where pebble's validator connects for TLS-ALPN-01: the port a test's HTTPS listener binds.</summary>
    public int TlsChallengePort { get; } = LoopbackPorts.Next();

    /// <summary>Certificates live one day, so renewal at a third of the lifetime is a matter of hours of moved time.</summary>
    public TimeSpan CertificateValidity { get; } = TimeSpan.FromDays(1);

    /// <summary>Pebble's listener certificate as a PEM file, for clients configured by path.</summary>
    public string ListenerCertificatePath => Path.Combine(_directory, "listener.pem");

    /// <summary>Known to pebble, which verifies a binding when an account sends one (not required).</summary>
    public ExternalAccountBinding ExternalAccount { get; } =
        new("kid-sintestesia", System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));

    public Uri DirectoryUrl { get; private set; } = null!;

    public Uri ManagementUrl { get; private set; } = null!;

    public Uri ChallTestSrvUrl { get; private set; } = null!;

    /// <summary>Trusts pebble's listener certificate and nothing else.</summary>
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(PebblePath) || !File.Exists(ChallTestSrvPath))
        {
            throw new InvalidOperationException(
                $"The ACME tests need Debian's pebble package ({PebblePath} and {ChallTestSrvPath}); install it with 'apt-get install pebble'.");
        }

        var (acmePort, managementPort, dnsPort, challManagementPort) = (LoopbackPorts.Next(), LoopbackPorts.Next(), LoopbackPorts.Next(), LoopbackPorts.Next());
        DirectoryUrl = new Uri($"https://127.0.0.1:{acmePort}/dir");
        ManagementUrl = new Uri($"https://127.0.0.1:{managementPort}/");
        ChallTestSrvUrl = new Uri($"http://127.0.0.1:{challManagementPort}/");

        _listenerCertificate = CreateListenerCertificate(out var certificatePath, out var keyPath);
        Http = new HttpClient(CreateTrustingHandler(), disposeHandler: true) { Timeout = TimeSpan.FromSeconds(30) };

        var config = new JsonObject
        {
            ["pebble"] = new JsonObject
            {
                ["listenAddress"] = $"127.0.0.1:{acmePort}",
                ["managementListenAddress"] = $"127.0.0.1:{managementPort}",
                ["certificate"] = certificatePath,
                ["privateKey"] = keyPath,
                ["httpPort"] = HttpChallengePort,
                ["tlsPort"] = TlsChallengePort,
                ["certificateValidityPeriod"] = (long)CertificateValidity.TotalSeconds,
                ["ocspResponderURL"] = string.Empty,
                ["externalAccountBindingRequired"] = false,
                ["externalAccountMACKeys"] = new JsonObject { [ExternalAccount.KeyId] = ExternalAccount.MacKey },
            },
        };
        var configPath = Path.Combine(_directory, "pebble-config.json");
        await File.WriteAllTextAsync(configPath, config.ToJsonString());

        Start(ChallTestSrvPath, ["-dns01", $"127.0.0.1:{dnsPort}", "-management", $"127.0.0.1:{challManagementPort}", "-http01", "", "-https01", "", "-tlsalpn01", "", "-defaultIPv6", ""], []);
        Start(PebblePath, ["-config", configPath, "-dnsserver", $"127.0.0.1:{dnsPort}"], new()
        {
            ["PEBBLE_VA_NOSLEEP"] = "1",
            ["PEBBLE_WFE_NONCEREJECT"] = NonceRejectPercent.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        await WaitUntilAnswersAsync(DirectoryUrl);
        await WaitUntilAnswersAsync(new Uri(ChallTestSrvUrl, "clear-txt"), post: true);
    }

    /// <summary>A handler that trusts pebble's self-signed listener certificate and no other.</summary>
    public HttpClientHandler CreateTrustingHandler()
    {
        var listener = _listenerCertificate ?? throw new InvalidOperationException("The fixture has not started.");
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.RawData.AsSpan().SequenceEqual(listener.RawData),
        };
    }

    public async Task<X509Certificate2> GetRootAsync()
    {
        var pem = await Http.GetStringAsync(new Uri(ManagementUrl, "roots/0"));
        return X509Certificate2.CreateFromPem(pem);
    }

    public Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }

            process.Dispose();
        }

        Http?.Dispose();
        _listenerCertificate?.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private X509Certificate2 CreateListenerCertificate(out string certificatePath, out string keyPath)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=pebble test listener", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        certificatePath = Path.Combine(_directory, "listener.pem");
        keyPath = Path.Combine(_directory, "listener.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }

    private void Start(string path, string[] arguments, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{path} did not start.");
        // Drain output so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    private async Task WaitUntilAnswersAsync(Uri url, bool post = false)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_processes.FirstOrDefault(p => p.HasExited) is { } exited)
            {
                throw new InvalidOperationException($"{exited.StartInfo.FileName} exited with code {exited.ExitCode} before it was ready.");
            }

            try
            {
                using var response = post
                    ? await Http.PostAsync(url, new StringContent("{\"host\":\"ready.test.\"}"))
                    : await Http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTimeOffset.UtcNow < deadline)
            {
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new TimeoutException($"{url} did not answer within 30 seconds.");
            }

            await Task.Delay(50);
        }
    }
}
