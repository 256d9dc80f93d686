using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Sintestesia.Certs.Store;

namespace Sintestesia.Certs.Management;

/// <summary>
/// One ACME account for the process: its key is kept (mode 0600) next to the certificates and reused on every
/// start, so restarts never register new accounts.
/// </summary>
internal sealed class AcmeIssuer : IDisposable
{
    private readonly HttpClient _http;
    private readonly AcmeAccountKey _accountKey;
    private readonly AcmeClient _client;
    private readonly AcmeOptions _options;

    public AcmeIssuer(AcmeOptions options, string accountKeyPath, ILoggerFactory loggers)
    {
        _options = options;
        var directory = new Uri(options.DirectoryUrl ?? throw new InvalidOperationException("Certificates:Acme:DirectoryUrl is not set."));
        _http = new HttpClient(CreateHandler(options.ServerCertificatePath), disposeHandler: true) { Timeout = TimeSpan.FromSeconds(60) };
        _accountKey = LoadOrCreateAccountKey(accountKeyPath);
        // Polling waits in real time whatever clock the caller schedules with: the CA's Retry-After is wall-clock.
        _client = new AcmeClient(_http, directory, _accountKey, TimeProvider.System, loggers.CreateLogger<AcmeClient>());
    }

    public async Task<IssuedCertificate> OrderAsync(IReadOnlyList<string> names, IChallengeSolver solver, CancellationToken cancellationToken)
    {
        var binding = _options.EabKeyId is { Length: > 0 } keyId && _options.EabMacKey is { Length: > 0 } macKey
            ? new ExternalAccountBinding(keyId, macKey)
            : null;
        await _client.EnsureAccountAsync(_options.Contacts, binding, cancellationToken);
        return await _client.OrderCertificateAsync(names, solver, cancellationToken);
    }

    public void Dispose()
    {
        _http.Dispose();
        _accountKey.Dispose();
    }

    private static AcmeAccountKey LoadOrCreateAccountKey(string path)
    {
        if (File.Exists(path))
        {
            using var existing = ECDsa.Create();
            existing.ImportFromPem(File.ReadAllText(path));
            return AcmeAccountKey.ImportPkcs8(existing.ExportPkcs8PrivateKey());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = AcmeAccountKey.Generate();
        var pem = PemEncoding.WriteString("PRIVATE KEY", key.ExportPkcs8());
        AtomicFile.Commit(AtomicFile.WriteTemporary(path, pem), path);
        return key;
    }

    private static SocketsHttpHandler CreateHandler(string? serverCertificatePath)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (serverCertificatePath is { Length: > 0 })
        {
            var trusted = X509CertificateLoader.LoadCertificateFromFile(serverCertificatePath);
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                // A test CA's listener certificate: trusted by its exact bytes, nothing else is.
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(trusted.RawData),
            };
        }

        return handler;
    }
}
