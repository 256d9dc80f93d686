using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Tls.Acme;

/// <summary>
/// Gateways sharing one database answer each other's ACME validations and order as one ACME account: no sticky
/// routing is needed for HTTP-01 or TLS-ALPN-01.
/// </summary>
public abstract partial class SharedAcmeTests(SharedAcmeSystem system)
{
    [Fact]
    public Task AShopsCertificateOrderedByHttp01OnOneGatewayIsValidatedThroughAnother() =>
        OrderedOnOneAndValidatedThroughAnotherAsync(system.Http01Ordering, "acme.sintestesia.cl");

    [Fact]
    public Task AShopsCertificateOrderedByTlsAlpn01OnOneGatewayIsValidatedThroughAnother() =>
        OrderedOnOneAndValidatedThroughAnotherAsync(system.TlsAlpn01Ordering, "bravo.sintestesia.cl");

    [Fact]
    public async Task GatewaysSharingTheDatabaseOrderAsOneAcmeAccountAndKeepNoKeyFile()
    {
        using var root = await system.Pebble.GetRootAsync();

        // Both ordering gateways need the account key at once (unless an earlier test already ordered).
        await Task.WhenAll(
            FirstRequestAsync(system.Http01Ordering.HttpsPort, "acme.sintestesia.cl", root),
            FirstRequestAsync(system.TlsAlpn01Ordering.HttpsPort, "bravo.sintestesia.cl", root));

        Assert.Equal(1L, Convert.ToInt64(await system.Database.ScalarAsync("SELECT COUNT(*) FROM acme_accounts"), CultureInfo.InvariantCulture));
        var key = (string?)await system.Database.ScalarAsync("SELECT key_pem_enc FROM acme_accounts");
        Assert.StartsWith("v1:", key, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(system.CertificatesRoot, "acme-account.key.pem", SearchOption.AllDirectories));
    }

    private async Task OrderedOnOneAndValidatedThroughAnotherAsync(OrderingGateway ordering, string host)
    {
        using var root = await system.Pebble.GetRootAsync();
        using var client = new ShopTlsClient(ordering.HttpsPort, root);

        using var response = await client.PostAsync(host, "/bot/twilio/webhook", UnsignedTwilioForm());

        // Unsigned on purpose: the shop's signature check answering proves TLS, SNI and routing by Host all worked.
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(client.Served!.ChainsToRoot);
        Assert.True(client.Served.Certificate.MatchesHostname(host));
        Assert.Equal(1, await OrdersPlacedAsync(ordering.InternalUrl));
        Assert.Equal(0L, Convert.ToInt64(await system.Database.ScalarAsync("SELECT COUNT(*) FROM acme_challenges"), CultureInfo.InvariantCulture));

        // The gateway pebble validated serves the same certificate from the shared store, without an order of its own.
        using var validating = new ShopTlsClient(system.HttpsPort, root);
        using var again = await validating.PostAsync(host, "/bot/twilio/webhook", UnsignedTwilioForm());
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Equal(client.Served.Certificate.SerialNumber, validating.Served!.Certificate.SerialNumber);
        Assert.Equal(0, await OrdersPlacedAsync(system.InternalUrl));
    }

    private static async Task FirstRequestAsync(int httpsPort, string host, X509Certificate2 root)
    {
        using var client = new ShopTlsClient(httpsPort, root);
        using var response = await client.PostAsync(host, "/bot/twilio/webhook", UnsignedTwilioForm());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(client.Served!.ChainsToRoot);
    }

    private async Task<int> OrdersPlacedAsync(Uri gateway)
    {
        var metrics = await system.GetAsync(gateway, "/metrics");
        return int.Parse(OrdersTotal().Match(metrics.Body).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static FormUrlEncodedContent UnsignedTwilioForm() => new(new Dictionary<string, string> { ["Body"] = "hola" });

    [GeneratedRegex(@"^sintestesia_gateway_certificate_orders_total (\d+)$", RegexOptions.Multiline)]
    private static partial Regex OrdersTotal();
}

public sealed class SharedAcmeOnSqliteTests(SqliteSharedAcmeSystem system) : SharedAcmeTests(system), IClassFixture<SqliteSharedAcmeSystem>;

public sealed class SharedAcmeOnPostgresTests(PostgresSharedAcmeSystem system) : SharedAcmeTests(system), IClassFixture<PostgresSharedAcmeSystem>;
