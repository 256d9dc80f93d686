using Microsoft.EntityFrameworkCore;
using Sintestesia.Certs;
using Sintestesia.TenantConfig.Certificates;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Secrets;
using Sintestesia.Gateway.Configuration;
using Sintestesia.Gateway.Tenants;

namespace Sintestesia.Gateway.Certificates;

/// <summary>Builds the <see cref="CertificateManager"/> from <c>Certificates:*</c> and starts its renewal service.</summary>
internal static class CertificateRegistration
{
    public static void AddGatewayCertificates(this WebApplicationBuilder builder, GatewayOptions gateway)
    {
        var options = builder.Configuration.GetSection(CertificateOptions.Section).Get<CertificateOptions>() ?? new CertificateOptions();
        options.BaseDomain = gateway.BaseDomain;
        if (CertificateOptionsValidation.Problems(options) is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        var directory = Path.GetFullPath(gateway.CertificatesPath);
        var acme = !string.IsNullOrWhiteSpace(options.Acme.DirectoryUrl);
        var development = builder.Environment.IsDevelopment() && !acme;

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var files = new FileCertificateStore(directory, sp.GetRequiredService<ILogger<FileCertificateStore>>());
            ICertificateStore store = options.Store.Trim().ToUpperInvariant() switch
            {
                "FILES" => files,
                "DATABASE" => new DatabaseCertificateStore(
                    sp.GetRequiredService<IDbContextFactory<TenantDbContext>>(), sp.GetRequiredService<SecretProtector>(), time,
                    sp.GetRequiredService<ILogger<DatabaseCertificateStore>>()),
                _ => throw new InvalidOperationException($"Certificates:Store is '{options.Store}'; use files or database."),
            };
            StoredCertificate? fallback = null;
            if (development)
            {
                // The development CA is local to one machine: it always lives in files.
                var made = DevelopmentCertificates.EnsureCreated(files, gateway.BaseDomain, time, new Uri(gateway.HttpsUrl!).Port);
                Console.WriteLine($"HTTPS on {gateway.HttpsUrl} with the development CA: {made.TrustHint}");
                fallback = made.Leaf;
            }

            var tenants = sp.GetRequiredService<TenantDirectory>();
            var postgres = string.Equals(builder.Configuration["Database:Provider"], DatabaseOptions.Postgres, StringComparison.OrdinalIgnoreCase);
            var shared = store is DatabaseCertificateStore;
            var (accountKeys, challenges) = AcmeState(sp, shared, Path.Combine(directory, "acme-account.key.pem"), time);
            return new CertificateManager(
                options,
                store,
                accountKeys,
                challenges,
                host => IsActiveShopHost(tenants, host, gateway.BaseDomain),
                DnsProviders.Create(options.Dns, sp.GetRequiredService<IHttpClientFactory>().CreateClient("dns-01")),
                fallback,
                time,
                sp.GetRequiredService<ILoggerFactory>())
            {
                // Gateways sharing certificates through PostgreSQL order each name one at a time.
                OrderLock = shared && postgres
                    ? new PostgresOrderLock(builder.Configuration.GetConnectionString("Tenants")!)
                    : ProcessOrderLock.Instance,
            };
        });
        builder.Services.AddHttpClient("dns-01");
        builder.Services.AddHostedService<CertificateRenewalService>();
    }

    /// <summary>
    /// Gateways sharing certificates through the database also share one ACME account (a key file kept before is
    /// imported once) and answer each other's HTTP-01 and TLS-ALPN-01 challenges; otherwise both stay with this gateway.
    /// </summary>
    private static (IAcmeAccountKeyStore AccountKeys, ISharedChallengeStore? Challenges) AcmeState(
        IServiceProvider services, bool shared, string accountKeyPath, TimeProvider time)
    {
        var file = new FileAccountKeyStore(accountKeyPath);
        if (!shared)
        {
            return (file, null);
        }

        var contexts = services.GetRequiredService<IDbContextFactory<TenantDbContext>>();
        return (
            new DatabaseAccountKeyStore(contexts, services.GetRequiredService<SecretProtector>(), time, importFrom: file,
                services.GetRequiredService<ILogger<DatabaseAccountKeyStore>>()),
            new DatabaseChallengeStore(contexts, time, services.GetRequiredService<ILogger<DatabaseChallengeStore>>()));
    }

    /// <summary>The base domain itself (the shared Meta webhook) or <c>{slug}.{base}</c> of an active shop.</summary>
    private static bool IsActiveShopHost(TenantDirectory tenants, string host, string baseDomain)
    {
        if (host == baseDomain)
        {
            return true;
        }

        var slug = HostNames.SlugOf(new HostString(host), baseDomain);
        return slug is not null && tenants.Current.FindBySlug(slug) is { IsActive: true };
    }
}
