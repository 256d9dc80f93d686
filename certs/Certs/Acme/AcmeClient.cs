using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sintestesia.Certs.Acme.Internal;

namespace Sintestesia.Certs;

/// <summary>
/// An ACME (RFC 8555) client for one account: registers or finds the account for its key, and orders
/// certificates whose names are proven by DNS-01, HTTP-01 or TLS-ALPN-01.
/// </summary>
public sealed class AcmeClient
{
    private static readonly string[] OrderPendingStates = ["pending", "ready", "processing"];
    private static readonly string[] FinalizingStates = ["processing"];

    private readonly AcmeTransport _transport;
    private readonly AcmeAccountKey _accountKey;
    private readonly Poller _poller;
    private readonly ILogger _logger;

    /// <summary>Creates a client.</summary>
    /// <param name="http">Used for every request; the caller owns it and decides which server certificates to trust.</param>
    /// <param name="directoryUrl">The ACME directory, e.g. <c>https://acme-v02.api.letsencrypt.org/directory</c>.</param>
    /// <param name="accountKey">The account key; the caller keeps it alive for the client's lifetime and persists it.</param>
    /// <param name="timeProvider">Used to wait between polls; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Receives problem documents and nonce retries; nothing is logged when null.</param>
    public AcmeClient(HttpClient http, Uri directoryUrl, AcmeAccountKey accountKey, TimeProvider? timeProvider = null, ILogger<AcmeClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(directoryUrl);
        ArgumentNullException.ThrowIfNull(accountKey);
        var time = timeProvider ?? TimeProvider.System;
        _accountKey = accountKey;
        _transport = new AcmeTransport(http, directoryUrl, accountKey.Key, time, (ILogger?)logger ?? NullLogger.Instance);
        _poller = new Poller(_transport, time);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The account URL once <see cref="EnsureAccountAsync"/> has run.</summary>
    public Uri? AccountUrl => _transport.AccountUrl is { } url ? new Uri(url) : null;

    internal int BadNonceRetries => _transport.BadNonceRetries;

    /// <summary>
    /// Creates the account for the key, agreeing to the terms of service, or finds the existing one
    /// (the server answers newAccount for a known key with that account's URL).
    /// </summary>
    /// <param name="contacts">Contact URLs such as <c>mailto:ops@example.org</c>; may be empty.</param>
    /// <param name="externalAccountBinding">Sent when the CA requires one; null otherwise.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The account URL.</returns>
    public async Task<Uri> EnsureAccountAsync(
        IEnumerable<string>? contacts = null,
        ExternalAccountBinding? externalAccountBinding = null,
        CancellationToken cancellationToken = default)
    {
        // No lock: two racing calls get the same URL, since newAccount for a known key returns the existing account.
        if (_transport.AccountUrl is null)
        {
            var directory = await _transport.GetDirectoryAsync(cancellationToken);
            var payload = new JsonObject { ["termsOfServiceAgreed"] = true };
            if (contacts?.ToArray() is { Length: > 0 } list)
            {
                payload["contact"] = new JsonArray(list.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
            }

            if (externalAccountBinding is not null)
            {
                payload["externalAccountBinding"] = Jws.ExternalAccountBinding(
                    _accountKey.Key, directory.NewAccount, externalAccountBinding.KeyId, externalAccountBinding.MacKey);
            }

            var response = await _transport.PostAsync(directory.NewAccount, payload, useJwk: true, cancellationToken);
            _transport.AccountUrl = response.Location?.AbsoluteUri
                ?? throw new AcmeException("The ACME server did not return the account URL (Location).");
        }

        return new Uri(_transport.AccountUrl);
    }

    /// <summary>
    /// Orders a certificate for <paramref name="names"/> (e.g. <c>*.example.org</c> and <c>example.org</c>),
    /// proves every name by DNS-01 through <paramref name="dns"/>, and returns the certificate with a new
    /// ECDSA P-256 private key and its chain.
    /// </summary>
    /// <exception cref="AcmeException">The server answered with a problem, or an authorization failed.</exception>
    public Task<IssuedCertificate> OrderCertificateAsync(IReadOnlyList<string> names, IDnsChallengeProvider dns, CancellationToken cancellationToken = default) =>
        OrderCertificateAsync(names, new Dns01Solver(dns), cancellationToken);

    /// <summary>
    /// Orders a certificate for <paramref name="names"/>, proves every name with <paramref name="solver"/>'s
    /// challenge type, and returns the certificate with a new ECDSA P-256 private key and its chain.
    /// </summary>
    /// <exception cref="AcmeException">The server answered with a problem, or an authorization failed.</exception>
    public async Task<IssuedCertificate> OrderCertificateAsync(IReadOnlyList<string> names, IChallengeSolver solver, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(solver);
        if (names.Count == 0)
        {
            throw new ArgumentException("At least one name is needed.", nameof(names));
        }

        await EnsureAccountAsync(cancellationToken: cancellationToken);
        var directory = await _transport.GetDirectoryAsync(cancellationToken);
        var identifiers = new JsonArray(names.Select(n => (JsonNode?)new JsonObject { ["type"] = "dns", ["value"] = n }).ToArray());
        var created = await _transport.PostAsync(directory.NewOrder, new JsonObject { ["identifiers"] = identifiers }, useJwk: false, cancellationToken);
        var orderUrl = created.Location ?? throw new AcmeException("The ACME server did not return the order URL (Location).");
        var order = created.Json;

        var authorizations = order["authorizations"]?.AsArray().Select(a => new Uri((string)a!)) ?? [];
        await new ChallengeAuthorizer(_transport, _poller, _accountKey.Key, solver, _logger).AuthorizeAsync(authorizations, cancellationToken);

        order = await _poller.UntilAsync(orderUrl, ["pending"], cancellationToken);
        RequireStatus(order, orderUrl, "ready");

        using var certificateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var finalize = new Uri((string?)order["finalize"] ?? throw new AcmeException($"Order {orderUrl} has no finalize URL."));
        var csr = CertificateMaterial.CreateCsr(certificateKey, names);
        await _transport.PostAsync(finalize, new JsonObject { ["csr"] = Base64Url.Encode(csr) }, useJwk: false, cancellationToken);

        order = await _poller.UntilAsync(orderUrl, FinalizingStates, cancellationToken);
        RequireStatus(order, orderUrl, "valid");
        var certificateUrl = new Uri((string?)order["certificate"] ?? throw new AcmeException($"Order {orderUrl} is valid but has no certificate URL."));
        var chain = await _transport.PostAsync(certificateUrl, payload: null, useJwk: false, cancellationToken, accept: "application/pem-certificate-chain");

        // The returned certificate keeps its own copy of the key, so this one can be disposed.
        return CertificateMaterial.FromPemChain(chain.Body, certificateKey);
    }

    private static void RequireStatus(JsonNode order, Uri orderUrl, string expected)
    {
        var status = (string?)order["status"];
        if (status != expected)
        {
            var error = order["error"];
            throw error is null
                ? new AcmeException($"Order {orderUrl} is '{status}', expected '{expected}'.")
                : new AcmeException((string?)error["type"] ?? "about:blank", (string?)error["detail"] ?? string.Empty, (int?)error["status"] ?? 0);
        }
    }
}
