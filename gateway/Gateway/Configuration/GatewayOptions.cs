using System.ComponentModel.DataAnnotations;

namespace Sintestesia.Gateway.Configuration;

/// <summary>Section <c>Gateway</c>.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Tenants live at <c>{slug}.{BaseDomain}</c>.</summary>
    [Required, RegularExpression(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$",
        ErrorMessage = "Gateway:BaseDomain must be a lower-case domain name such as sintestesia.cl.")]
    public string BaseDomain { get; set; } = "sintestesia.cl";

    /// <summary>Public plain-HTTP listener (Twilio and Meta webhooks by Host in Development, ACME challenges).</summary>
    [Required, Url]
    public string PublicUrl { get; set; } = "http://0.0.0.0:8080";

    /// <summary>Internal API listener: <c>/webhook/{slug}</c>, <c>/tenants</c>, <c>/admin/*</c>, health.</summary>
    [Required, Url]
    public string InternalUrl { get; set; } = "http://127.0.0.1:9001";

    /// <summary>Base of <c>full_webhook_url</c> in <c>/tenants</c>; defaults to <c>http://localhost:{internal port}</c>.</summary>
    public string? InternalBaseUrl { get; set; }

    /// <summary>Bot-host instances of the default pool; requests are balanced over the healthy ones.</summary>
    [MinLength(1, ErrorMessage = "Gateway:BotHosts needs at least one bot-host URL, e.g. Gateway__BotHosts__0=http://127.0.0.1:9101.")]
    public string[] BotHosts { get; set; } = [];

    /// <summary>Tenant ID or slug that legacy <c>POST /webhook</c> serves when nothing in the request names one.</summary>
    public string? LegacyTenant { get; set; }

    /// <summary>How often the database's tenant change counter is polled.</summary>
    [Range(50, 60_000)]
    public int RefreshIntervalMilliseconds { get; set; } = 500;

    [Range(1, 3600)]
    public int HealthCheckIntervalSeconds { get; set; } = 5;

    /// <summary>Largest request body accepted on any webhook route.</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Public HTTPS listener, e.g. <c>https://0.0.0.0:8443</c>; none when unset.</summary>
    public string? HttpsUrl { get; set; }

    /// <summary>The HTTPS port plain-HTTP requests are redirected to (outside Development); 443 leaves it out of the URL.</summary>
    [Range(1, 65535)]
    public int HttpsRedirectPort { get; set; } = 443;

    /// <summary>Where certificates and keys are kept (keys mode 0600).</summary>
    public string CertificatesPath { get; set; } = "data/certs";

    /// <summary>
    /// Plain webhooks to a shop's host are forwarded by the gateway's own HTTP/1.1 fast path instead of YARP's
    /// (<c>FastPath/FastLane.cs</c>); false sends everything through YARP.
    /// </summary>
    public bool FastPath { get; set; } = true;

    /// <summary>Verify token of the platform's Meta app, for the handshake on the shared apex webhook.</summary>
    public string? MetaVerifyToken { get; set; }

    public string ResolveInternalBaseUrl() =>
        (InternalBaseUrl ?? $"http://localhost:{new Uri(InternalUrl).Port}").TrimEnd('/');
}
