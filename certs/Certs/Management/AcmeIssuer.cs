using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Sintestesia.Certs.Management;

/// <summary>
/// One ACME account for the process: its key comes from the account key store (a file next to the certificates, or
/// the database gateways share), so restarts and other gateways never register new accounts.
/// </summary>
internal sealed class AcmeIssuer : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _directory;
    private readonly IAcmeAccountKeyStore _accountKeys;
    private readonly AcmeOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly SemaphoreSlim _loadingKey = new(1, 1);
    private AcmeAccountKey? _accountKey;
    private AcmeClient? _client;

    public AcmeIssuer(AcmeOptions options, IAcmeAccountKeyStore accountKeys, ILoggerFactory loggers)
    {
        _options = options;
        _accountKeys = accountKeys;
        _loggers = loggers;
        _directory = new Uri(options.DirectoryUrl ?? throw new InvalidOperationException("Certificates:Acme:DirectoryUrl is not set."));
        _http = new HttpClient(CreateHandler(options.ServerCertificatePath), disposeHandler: true) { Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<IssuedCertificate> OrderAsync(IReadOnlyList<string> names, IChallengeSolver solver, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken);
        var binding = _options.EabKeyId is { Length: > 0 } keyId && _options.EabMacKey is { Length: > 0 } macKey
            ? new ExternalAccountBinding(keyId, macKey)
            : null;
        await client.EnsureAccountAsync(_options.Contacts, binding, cancellationToken);
        return await client.OrderCertificateAsync(names, solver, cancellationToken);
    }

    public void Dispose()
    {
        _http.Dispose();
        _accountKey?.Dispose();
        _loadingKey.Dispose();
    }

    /// <summary>
    /// The key is read at the first order, not at start: a key store that cannot be reached for a moment then fails
    /// one order (retried after a back-off) instead of the gateway's start.
    /// </summary>
    private async Task<AcmeClient> ClientAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _client) is { } ready)
        {
            return ready;
        }

        await _loadingKey.WaitAsync(cancellationToken);
        try
        {
            if (_client is { } loaded)
            {
                return loaded;
            }

            _accountKey = await _accountKeys.LoadOrCreateAsync(_directory, cancellationToken);
            // Polling waits in real time whatever clock the caller schedules with: the CA's Retry-After is wall-clock.
            var client = new AcmeClient(_http, _directory, _accountKey, TimeProvider.System, _loggers.CreateLogger<AcmeClient>());
            Volatile.Write(ref _client, client);
            return client;
        }
        finally
        {
            _loadingKey.Release();
        }
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
