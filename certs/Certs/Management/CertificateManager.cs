using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Sintestesia.Certs.Management;
using Sintestesia.Certs.Sni;

namespace Sintestesia.Certs;

/// <summary>
/// Keeps the served certificates: loads the store at start, orders per-host certificates on a known tenant's first
/// handshake and the wildcard by DNS-01, renews before expiry, and publishes every change to the SNI selector at once.
/// One order per name at a time; every order passes the account-wide caps.
/// </summary>
public sealed partial class CertificateManager : IDisposable
{
    private readonly CertificateOptions _options;
    private readonly ICertificateStore _store;
    private readonly Func<string, bool> _mayOrderFor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly StoredCertificate? _fallback;
    private readonly AcmeIssuer? _issuer;
    private readonly OrderRateCap _cap;
    private readonly IChallengeSolver? _hostSolver;
    private readonly IChallengeSolver? _dnsSolver;
    private readonly ConcurrentDictionary<string, StoredCertificate> _certificates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OrderFailure> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<bool>>> _inFlight = new(StringComparer.Ordinal);
    private readonly Lock _publishing = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _ordersPlaced;

    /// <summary>Creates the manager and serves what the store holds.</summary>
    /// <param name="options">Where certificates come from.</param>
    /// <param name="store">Persists certificates; loaded now.</param>
    /// <param name="accountKeys">Keeps the ACME account key (a file, or the database gateways share); read at the first order.</param>
    /// <param name="sharedChallenges">
    /// Where HTTP-01 and TLS-ALPN-01 challenges are also kept, so gateways sharing it answer each other's validations;
    /// null when this process alone receives them.
    /// </param>
    /// <param name="mayOrderFor">
    /// Whether a first handshake for this host (lower case, no trailing dot) may order a certificate: true only for
    /// hosts of known, active tenants, so strangers' names never cost an order.
    /// </param>
    /// <param name="dns">The DNS-01 provider, needed for the wildcard; null when none is configured.</param>
    /// <param name="fallback">Served when nothing else matches (e.g. the development wildcard); may be null.</param>
    /// <param name="time">Decides validity and renewal; ACME polling always waits in real time.</param>
    /// <param name="loggers">Creates the loggers.</param>
    public CertificateManager(
        CertificateOptions options,
        ICertificateStore store,
        IAcmeAccountKeyStore accountKeys,
        ISharedChallengeStore? sharedChallenges,
        Func<string, bool> mayOrderFor,
        IDnsChallengeProvider? dns,
        StoredCertificate? fallback,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        _options = options;
        _store = store;
        _mayOrderFor = mayOrderFor;
        _fallback = fallback;
        _time = time;
        _logger = loggers.CreateLogger<CertificateManager>();
        Selector = new SniCertificateSelector(time);
        _cap = new OrderRateCap(options.OnDemand, time);
        Http01 = new Http01Responder(sharedChallenges);
        // Challenge certificates are checked against the validator's real clock, not a moved test clock.
        TlsAlpn01 = new TlsAlpn01Responder(TimeProvider.System, sharedChallenges, mayLookUpShared: IsUnderBaseDomain);
        if (!string.IsNullOrWhiteSpace(options.Acme.DirectoryUrl))
        {
            _issuer = new AcmeIssuer(options.Acme, accountKeys, loggers);
            _hostSolver = options.OnDemand.Challenge.ToUpperInvariant() switch
            {
                "HTTP-01" => Http01,
                "TLS-ALPN-01" => new TlsAlpn01Solver(TlsAlpn01),
                "NONE" or "" => null,
                _ => throw new InvalidOperationException(
                    $"Certificates:OnDemand:Challenge is '{options.OnDemand.Challenge}'; use http-01, tls-alpn-01 or none."),
            };
            _dnsSolver = dns is null ? null : new Dns01Solver(dns, TimeSpan.FromSeconds(options.Dns.PropagationSeconds));
            if (options.Wildcard && _dnsSolver is null)
            {
                throw new InvalidOperationException(
                    "Certificates:Wildcard needs a DNS-01 provider: set Certificates:Dns:Provider (cloudflare or challtestsrv).");
            }
        }

        Load();
    }

    /// <summary>Chooses certificates for handshakes; updated whenever a certificate is issued or renewed.</summary>
    public SniCertificateSelector Selector { get; }

    /// <summary>
    /// Key authorizations the public HTTP listener serves at <c>/.well-known/acme-challenge/{token}</c>: this process's,
    /// and with shared challenges those other gateways presented.
    /// </summary>
    public Http01Responder Http01 { get; }

    /// <summary>Challenge certificates served to <c>acme-tls/1</c> handshakes, also for other gateways' shared challenges.</summary>
    public TlsAlpn01Responder TlsAlpn01 { get; }

    /// <summary>
    /// Keeps gateways sharing a store from ordering the same name together; the default suits a store no other
    /// process orders into.
    /// </summary>
    public IOrderLock OrderLock { get; init; } = ProcessOrderLock.Instance;

    /// <summary>How long to wait for another gateway's order of the same name before giving up (and backing off).</summary>
    public TimeSpan OrderElsewhereWait { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Whether certificates are ordered from an ACME server.</summary>
    public bool AcmeEnabled => _issuer is not null;

    /// <summary>Orders placed since start (each one a new ACME order).</summary>
    public long OrdersPlaced => Interlocked.Read(ref _ordersPlaced);

    /// <summary>The name the wildcard certificate is stored under.</summary>
    public string WildcardName => "*." + _options.BaseDomain;

    /// <summary>
    /// Kestrel's <c>TlsHandshakeCallbackOptions.OnConnection</c>: answers TLS-ALPN-01 challenges, orders a
    /// certificate on a known tenant's first handshake (waiting up to <see cref="OnDemandOptions.HandshakeWaitSeconds"/>),
    /// and serves the chosen certificate with its chain.
    /// </summary>
    public async ValueTask<SslServerAuthenticationOptions> SelectServerOptionsAsync(TlsHandshakeCallbackContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await AcmeTlsAlpn.TryAnswerChallengeAsync(context, TlsAlpn01) is { } challenge)
        {
            return challenge;
        }

        var host = HostNames.Normalize(context.ClientHelloInfo.ServerName);
        if (host is not null && !Selector.Covers(host) && MayOrderOnHandshake(host))
        {
            var ordering = EnsureOrderedAsync(host, [host], _hostSolver!, "its first TLS handshake", respectBackoff: true);
            try
            {
                await ordering.WaitAsync(TimeSpan.FromSeconds(_options.OnDemand.HandshakeWaitSeconds), context.CancellationToken);
            }
            catch (TimeoutException)
            {
                Log.StillOrdering(_logger, host);
            }
        }

        var certificate = Selector.SelectContext(host)
            ?? throw new AuthenticationException($"No certificate for server name '{host}'.");
        return new SslServerAuthenticationOptions { ServerCertificateContext = certificate };
    }

    /// <summary>
    /// Orders (or re-orders) the certificate for <paramref name="name"/> now: a tenant host, the base domain or
    /// <c>*.{BaseDomain}</c> (the wildcard, which also names the base domain).
    /// </summary>
    /// <exception cref="ArgumentException">The name is not under the base domain.</exception>
    /// <exception cref="InvalidOperationException">ACME is off, or no challenge can prove the name.</exception>
    public async Task<CertificateStatus> IssueAsync(string name, CancellationToken cancellationToken)
    {
        var (key, names, solver) = PlanOrder(name);
        // An operator asking again means now: an order already waiting out a back-off must not answer for this one.
        if (_failures.TryGetValue(key, out var failure))
        {
            _failures[key] = failure with { NextAttempt = _time.GetUtcNow() };
        }

        await EnsureOrderedAsync(key, names, solver, "an operator's request", respectBackoff: false).WaitAsync(cancellationToken);
        return StatusOf(key);
    }

    /// <summary>
    /// Orders what is due: certificates with less than <see cref="RenewalOptions.RenewWhenRemaining"/> of their lifetime
    /// left, and the wildcard when it is configured but missing. A failure is logged and retried after a growing wait;
    /// the current certificate keeps being served.
    /// </summary>
    /// <param name="force">Renew every stored certificate, due or not (an operator's request).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>How many orders succeeded.</returns>
    public async Task<int> RenewAsync(bool force, CancellationToken cancellationToken)
    {
        if (_issuer is null)
        {
            return 0;
        }

        var now = _time.GetUtcNow();
        var due = _certificates.Values
            .Where(stored => force || RenewAfter(stored) <= now)
            .Select(stored => stored.Name)
            .Where(StillWanted)
            .ToList();
        if (_options.Wildcard && !_certificates.ContainsKey(WildcardName))
        {
            due.Add(WildcardName);
        }

        var renewed = 0;
        foreach (var name in due.Distinct(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var (key, names, solver) = PlanOrder(name);
                if (await EnsureOrderedAsync(key, names, solver, force ? "an operator's renewal" : "renewal", respectBackoff: !force))
                {
                    renewed++;
                }
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                RecordFailure(name, ex.Message);
            }
        }

        return renewed;
    }

    /// <summary>Every stored certificate, and every name whose first order failed.</summary>
    public IReadOnlyList<CertificateStatus> Status() =>
        _certificates.Keys.Union(_failures.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(StatusOf).ToList();

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _issuer?.Dispose();
    }

    private bool MayOrderOnHandshake(string host)
    {
        // In wildcard mode the wildcard serves every shop; per-host orders would only spend the weekly budget.
        if (_issuer is null || _hostSolver is null || _options.Wildcard || InBackoff(host))
        {
            return false;
        }

        if (!IsUnderBaseDomain(host) || !_mayOrderFor(host))
        {
            Log.NotATenantHost(_logger, host);
            return false;
        }

        return true;
    }

    /// <summary>A shop that was disabled or removed keeps its certificate until expiry, but it is not renewed.</summary>
    private bool StillWanted(string name)
    {
        if (name == WildcardName)
        {
            return true;
        }

        if (_options.Wildcard && _certificates.TryGetValue(WildcardName, out var wildcard) && RenewAfter(wildcard) > _time.GetUtcNow())
        {
            // The wildcard covers this host now; its own certificate is left to expire.
            return false;
        }

        if (_mayOrderFor(name))
        {
            return true;
        }

        Log.NotRenewed(_logger, name);
        return false;
    }

    private (string Key, IReadOnlyList<string> Names, IChallengeSolver Solver) PlanOrder(string name)
    {
        var host = HostNames.Normalize(name) ?? throw new ArgumentException("A certificate name is needed.", nameof(name));
        if (_issuer is null)
        {
            throw new InvalidOperationException("ACME is off: set Certificates:Acme:DirectoryUrl to order certificates.");
        }

        if (host == WildcardName)
        {
            return (WildcardName, [WildcardName, _options.BaseDomain],
                _dnsSolver ?? throw new InvalidOperationException("The wildcard needs DNS-01: set Certificates:Dns:Provider."));
        }

        if (!IsUnderBaseDomain(host))
        {
            throw new ArgumentException($"'{host}' is not {_options.BaseDomain} or one label under it.", nameof(name));
        }

        var solver = _hostSolver ?? _dnsSolver
            ?? throw new InvalidOperationException("No challenge can prove a host: set Certificates:OnDemand:Challenge or Certificates:Dns:Provider.");
        return (host, [host], solver);
    }

    private bool IsUnderBaseDomain(string host) =>
        host == _options.BaseDomain || HostNames.WildcardParent(host) == _options.BaseDomain;

    /// <summary>Joins the order in flight for <paramref name="key"/>, or starts one; true when a certificate was stored.</summary>
    private Task<bool> EnsureOrderedAsync(string key, IReadOnlyList<string> names, IChallengeSolver solver, string reason, bool respectBackoff)
    {
        var order = _inFlight.GetOrAdd(key, name => new Lazy<Task<bool>>(async () =>
        {
            try
            {
                return (!respectBackoff || !InBackoff(name)) && await OrderAsync(name, names, solver, reason);
            }
            finally
            {
                _inFlight.TryRemove(name, out _);
            }
        }));
        return order.Value;
    }

    private async Task<bool> OrderAsync(string key, IReadOnlyList<string> names, IChallengeSolver solver, string reason)
    {
        try
        {
            if (AdoptFromStore(key))
            {
                return true;
            }

            await using var held = await OrderLock.TryAcquireAsync(key, _stopping.Token);
            if (held is null)
            {
                return await AwaitOrderElsewhereAsync(key);
            }

            // The gateway that held the lock may have stored the certificate just before releasing it.
            if (AdoptFromStore(key))
            {
                return true;
            }

            if (!_cap.TryAcquire(renewal: _certificates.ContainsKey(key), out var refusal))
            {
                RecordFailure(key, refusal!);
                return false;
            }

            Interlocked.Increment(ref _ordersPlaced);
            Log.Ordering(_logger, key, solver.ChallengeType, reason);
            var issued = await _issuer!.OrderAsync(names, solver, _stopping.Token);
            try
            {
                _store.Save(key, issued.Certificate, [.. issued.Chain]);
            }
            finally
            {
                issued.Certificate.Dispose();
                foreach (var issuer in issued.Chain)
                {
                    issuer.Dispose();
                }
            }

            var stored = _store.TryLoad(key) ?? throw new InvalidDataException($"The certificate for {key} was saved but cannot be read back.");
            Serve(stored);
            _failures.TryRemove(key, out _);
            Log.Issued(_logger, key, stored.Certificate.NotAfter, stored.Certificate.Issuer);
            return true;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return false;
        }
#pragma warning disable CA1031 // Whatever fails (CA, DNS, store, database), the gateway keeps serving and backs off.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RecordFailure(key, ex.Message);
            return false;
        }
    }

    /// <summary>Another gateway sharing the store is ordering <paramref name="key"/>: serve its certificate once stored.</summary>
    private async Task<bool> AwaitOrderElsewhereAsync(string key)
    {
        Log.OrderedElsewhere(_logger, key);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < OrderElsewhereWait)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), _stopping.Token);
            if (AdoptFromStore(key))
            {
                return true;
            }
        }

        RecordFailure(key, $"another gateway was ordering {key} and no certificate appeared in the shared store within {OrderElsewhereWait.TotalSeconds:0} s");
        return false;
    }

    /// <summary>
    /// Serves a certificate another gateway sharing the store has already issued or renewed for <paramref name="key"/>,
    /// instead of ordering one more.
    /// </summary>
    private bool AdoptFromStore(string key)
    {
        StoredCertificate? stored;
        try
        {
            stored = _store.TryLoad(key);
        }
        catch (InvalidDataException)
        {
            return false;
        }

        if (stored is null)
        {
            return false;
        }

        var current = _certificates.GetValueOrDefault(key);
        if (RenewAfter(stored) <= _time.GetUtcNow()
            || (current is not null && stored.Certificate.NotAfter <= current.Certificate.NotAfter))
        {
            stored.Certificate.Dispose();
            return false;
        }

        Serve(stored);
        _failures.TryRemove(key, out _);
        Log.Adopted(_logger, key, stored.Certificate.NotAfter);
        return true;
    }

    private void RecordFailure(string key, string error)
    {
        var failures = (_failures.TryGetValue(key, out var previous) ? previous.Count : 0) + 1;
        var renewal = _options.Renewal;
        var wait = TimeSpan.FromSeconds(Math.Min(
            renewal.RetryAfterFailureSeconds * Math.Pow(2, Math.Min(failures - 1, 20)),
            renewal.MaxRetryAfterFailureMinutes * 60.0));
        var next = _time.GetUtcNow() + wait;
        _failures[key] = new OrderFailure(error, failures, next);
        Log.OrderFailed(_logger, key, error, failures, next, _certificates.ContainsKey(key));
    }

    private bool InBackoff(string key) => _failures.TryGetValue(key, out var failure) && failure.NextAttempt > _time.GetUtcNow();

    private void Load()
    {
        foreach (var name in _store.List())
        {
            try
            {
                if (_store.TryLoad(name) is { } stored && DnsNames(stored.Certificate).Count > 0)
                {
                    Serve(stored);
                    _cap.CountIssued(stored.Certificate.NotBefore.ToUniversalTime());
                }
            }
            catch (InvalidDataException ex)
            {
                Log.Unreadable(_logger, name, ex.Message);
            }
        }

        lock (_publishing)
        {
            Publish();
        }

        Log.Loaded(_logger, _certificates.Count, _issuer is null ? "off" : _options.Acme.DirectoryUrl!);
        if (_certificates.IsEmpty && _issuer is null && _fallback is null)
        {
            Log.NothingToServe(_logger);
        }
    }

    /// <summary>Records and publishes under one lock, so two orders finishing together cannot publish a set missing either.</summary>
    private void Serve(StoredCertificate stored)
    {
        lock (_publishing)
        {
            _certificates[stored.Name] = stored;
            Publish();
        }
    }

    private void Publish() => Selector.Update(_certificates.Values, _fallback ?? _certificates.GetValueOrDefault(WildcardName));

    /// <summary>
    /// When the certificate becomes due: <see cref="RenewalOptions.RenewWhenRemaining"/> of its lifetime left, plus up to
    /// a tenth more chosen by its name, so certificates issued together do not all fall due in the same check.
    /// </summary>
    private DateTimeOffset RenewAfter(StoredCertificate stored)
    {
        var certificate = stored.Certificate;
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        var spread = SHA256.HashData(Encoding.UTF8.GetBytes(stored.Name))[0] / 2550.0;
        return notAfter - ((notAfter - notBefore) * _options.Renewal.RenewWhenRemaining * (1 + spread));
    }

    private CertificateStatus StatusOf(string name)
    {
        _failures.TryGetValue(name, out var failure);
        if (!_certificates.TryGetValue(name, out var stored))
        {
            return new CertificateStatus(name, [], null, null, null, "missing", null, failure?.Error, failure?.NextAttempt);
        }

        var certificate = stored.Certificate;
        var now = _time.GetUtcNow();
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        var renewAfter = RenewAfter(stored);
        var state = now >= notAfter ? "expired" : now >= renewAfter ? "renewal_due" : "valid";
        return new CertificateStatus(name, DnsNames(certificate), new DateTimeOffset(certificate.NotBefore.ToUniversalTime()), notAfter,
            certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: true), state, renewAfter, failure?.Error, failure?.NextAttempt);
    }

    private static List<string> DnsNames(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(san => san.EnumerateDnsNames()).ToList();

    private sealed record OrderFailure(string Error, int Count, DateTimeOffset NextAttempt);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Certificates: {Count} loaded from the store; ACME {Acme}")]
        public static partial void Loaded(ILogger logger, int count, string acme);

        [LoggerMessage(2, LogLevel.Information, "Ordering a certificate for {Name} by {Challenge}, because of {Reason}")]
        public static partial void Ordering(ILogger logger, string name, string challenge, string reason);

        [LoggerMessage(3, LogLevel.Information, "Certificate for {Name} issued by {Issuer}, valid until {NotAfter:o}; now served")]
        public static partial void Issued(ILogger logger, string name, DateTime notAfter, string issuer);

        [LoggerMessage(4, LogLevel.Warning, "Certificate order for {Name} failed ({Failures} in a row): {Error}. Next attempt after {NextAttempt:o}; current certificate still served: {StillServing}")]
        public static partial void OrderFailed(ILogger logger, string name, string error, int failures, DateTimeOffset nextAttempt, bool stillServing);

        [LoggerMessage(5, LogLevel.Debug, "No certificate is ordered for {Host}: it is not the host of a known, active shop")]
        public static partial void NotATenantHost(ILogger logger, string host);

        [LoggerMessage(6, LogLevel.Information, "The certificate for {Host} is still being ordered; this handshake gets the fallback certificate")]
        public static partial void StillOrdering(ILogger logger, string host);

        [LoggerMessage(7, LogLevel.Error, "Stored certificate {Name} cannot be read and is not served: {Error}")]
        public static partial void Unreadable(ILogger logger, string name, string error);

        [LoggerMessage(8, LogLevel.Information, "Certificate for {Name} (valid until {NotAfter:o}) taken from the shared store; no order needed")]
        public static partial void Adopted(ILogger logger, string name, DateTime notAfter);

        [LoggerMessage(9, LogLevel.Warning, "HTTPS has no certificate to serve and ACME is off: every handshake will fail. Set Certificates:Acme:DirectoryUrl, or put {{name}}.chain.pem and {{name}}.key.pem files in the certificates folder")]
        public static partial void NothingToServe(ILogger logger);

        [LoggerMessage(11, LogLevel.Information, "Another gateway is ordering {Name}; waiting for its certificate in the shared store")]
        public static partial void OrderedElsewhere(ILogger logger, string name);

        [LoggerMessage(10, LogLevel.Information, "The certificate for {Name} is not renewed: it is no longer the host of an active shop")]
        public static partial void NotRenewed(ILogger logger, string name);
    }
}
