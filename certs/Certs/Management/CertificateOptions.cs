namespace Sintestesia.Certs;

/// <summary>Section <c>Certificates</c>: where certificates come from and how they are kept fresh.</summary>
public sealed class CertificateOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Certificates";

    /// <summary>Tenants live at <c>{slug}.{BaseDomain}</c>; the wildcard is <c>*.{BaseDomain}</c>.</summary>
    public string BaseDomain { get; set; } = "sintestesia.cl";

    /// <summary>
    /// <c>files</c> (default: the certificates folder, keys mode 0600) or <c>database</c> (the tenant database, keys
    /// encrypted with the secret key), which gateways sharing one database also share.
    /// </summary>
    public string Store { get; set; } = "files";

    /// <summary>The ACME account and server; ACME is off while <see cref="AcmeOptions.DirectoryUrl"/> is unset.</summary>
    public AcmeOptions Acme { get; set; } = new();

    /// <summary>Order <c>*.{BaseDomain}</c> and <c>{BaseDomain}</c> by DNS-01 (needs <see cref="Dns"/>).</summary>
    public bool Wildcard { get; set; }

    /// <summary>The DNS provider for DNS-01.</summary>
    public DnsOptions Dns { get; set; } = new();

    /// <summary>Certificates ordered per tenant host on its first TLS handshake.</summary>
    public OnDemandOptions OnDemand { get; set; } = new();

    /// <summary>When and how often renewals are tried.</summary>
    public RenewalOptions Renewal { get; set; } = new();
}

/// <summary>Section <c>Certificates:Acme</c>.</summary>
public sealed class AcmeOptions
{
    /// <summary>E.g. <c>https://acme-v02.api.letsencrypt.org/directory</c>; staging: <c>https://acme-staging-v02.api.letsencrypt.org/directory</c>.</summary>
    public string? DirectoryUrl { get; set; }

    /// <summary>Contact URLs for the account, e.g. <c>mailto:ops@sintestesia.cl</c>.</summary>
    public string[] Contacts { get; set; } = [];

    /// <summary>External account binding key ID, for CAs that require one.</summary>
    public string? EabKeyId { get; set; }

    /// <summary>External account binding MAC key (base64url), for CAs that require one.</summary>
    public string? EabMacKey { get; set; }

    /// <summary>
    /// A PEM file with the only certificate trusted for the ACME server's own HTTPS (a test CA such as pebble);
    /// the system's trust store is used when unset.
    /// </summary>
    public string? ServerCertificatePath { get; set; }
}

/// <summary>Section <c>Certificates:Dns</c>.</summary>
public sealed class DnsOptions
{
    /// <summary><c>cloudflare</c> or <c>challtestsrv</c> (pebble's test DNS server); none when unset.</summary>
    public string? Provider { get; set; }

    /// <summary>Cloudflare API token with Zone.DNS edit rights on the base domain's zone.</summary>
    public string? CloudflareApiToken { get; set; }

    /// <summary>The management URL of pebble-challtestsrv, e.g. <c>http://127.0.0.1:8055</c>.</summary>
    public string? ChallTestSrvUrl { get; set; }

    /// <summary>Wait after publishing TXT records before the CA may look; 30 s suits Cloudflare.</summary>
    public int PropagationSeconds { get; set; }
}

/// <summary>Section <c>Certificates:OnDemand</c>.</summary>
public sealed class OnDemandOptions
{
    /// <summary><c>http-01</c> (default), <c>tls-alpn-01</c>, or <c>none</c> to never order on a handshake.</summary>
    public string Challenge { get; set; } = "http-01";

    /// <summary>How long a first handshake waits for its certificate before the fallback is served.</summary>
    public int HandshakeWaitSeconds { get; set; } = 15;

    /// <summary>New orders allowed per <see cref="OrderWindowMinutes"/> (Let's Encrypt: 300 per 3 hours).</summary>
    public int MaxOrders { get; set; } = 300;

    /// <summary>The window of <see cref="MaxOrders"/>.</summary>
    public int OrderWindowMinutes { get; set; } = 180;

    /// <summary>Certificates allowed per week for the base domain (Let's Encrypt: 50 per registered domain).</summary>
    public int MaxCertificatesPerWeek { get; set; } = 50;
}

/// <summary>Section <c>Certificates:Renewal</c>.</summary>
public sealed class RenewalOptions
{
    /// <summary>How often certificates are checked; each wait is shortened or lengthened by up to 10 % at random.</summary>
    public int CheckIntervalMinutes { get; set; } = 60;

    /// <summary>Renew when this fraction of the lifetime is left.</summary>
    public double RenewWhenRemaining { get; set; } = 1.0 / 3;

    /// <summary>First wait after a failed order for a name; doubles with every further failure.</summary>
    public int RetryAfterFailureSeconds { get; set; } = 60;

    /// <summary>Longest wait between attempts for a failing name.</summary>
    public int MaxRetryAfterFailureMinutes { get; set; } = 24 * 60;
}
