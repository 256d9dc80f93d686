namespace Sintestesia.Certs;

/// <summary>Creates the DNS-01 provider named by <see cref="DnsOptions.Provider"/>.</summary>
public static class DnsProviders
{
    /// <summary>The configured provider, or <see langword="null"/> when none is configured.</summary>
    /// <exception cref="InvalidOperationException">The provider is unknown or lacks a setting.</exception>
    public static IDnsChallengeProvider? Create(DnsOptions options, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider?.Trim().ToUpperInvariant() switch
        {
            null or "" => null,
            "CLOUDFLARE" => new CloudflareDnsProvider(http, Required(options.CloudflareApiToken, "Certificates:Dns:CloudflareApiToken")),
            "CHALLTESTSRV" => new ChallTestSrvDnsProvider(http, new Uri(Required(options.ChallTestSrvUrl, "Certificates:Dns:ChallTestSrvUrl"))),
            _ => throw new InvalidOperationException($"Certificates:Dns:Provider is '{options.Provider}'; use cloudflare or challtestsrv."),
        };
    }

    private static string Required(string? value, string setting) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidOperationException($"{setting} must be set for this DNS provider.") : value;
}
