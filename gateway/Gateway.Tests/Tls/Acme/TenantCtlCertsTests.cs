using System.Globalization;
using System.Text.RegularExpressions;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Tls.Acme;

/// <summary>Its own pebble and gateway, so the certificates ordered here are not other suites' business.</summary>
public sealed class TenantCtlCertsSystem() : AcmeSystem("http-01");

/// <summary><c>tenantctl certs</c> as ops run it: a separate process talking to the running gateway's admin API.</summary>
public sealed partial class TenantCtlCertsTests(TenantCtlCertsSystem system) : IClassFixture<TenantCtlCertsSystem>
{
    // Mirrors tenantctl's ExitCodes (internal to tenantctl).
    private const int Refused = 1;
    private const int Usage = 2;

    private Dictionary<string, string> OpsEnvironment() => new()
    {
        ["SINTESTESIA_GATEWAY_URL"] = system.Gateway.InternalUrl.ToString(),
        ["SINTESTESIA_ADMIN_TOKEN"] = system.Gateway.Secrets.AdminToken,
    };

    [Fact]
    public async Task IssueOrdersAShopsCertificateFromTheCaAndListThenShowsItValid()
    {
        var issued = await TenantCtlProcess.RunAsync(OpsEnvironment(), "certs", "issue", "acme.sintestesia.cl");

        Assert.True(issued.ExitCode == 0, issued.ToString());
        Assert.Matches(@"(?m)^acme\.sintestesia\.cl\s+valid\s+\d{4}-\d\d-\d\d \d\d:\d\d", issued.Stdout);

        var listed = await TenantCtlProcess.RunAsync(OpsEnvironment(), "certs", "list");

        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains("https: on   acme: on", listed.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^NAME\s+STATE\s+EXPIRES \(UTC\)\s+RENEW AFTER\s+LAST ERROR$", listed.Stdout);
        Assert.Matches(@"(?m)^acme\.sintestesia\.cl\s+valid\s", listed.Stdout);
        Assert.Empty(listed.Stderr);
    }

    [Fact]
    public async Task IssuingANameOutsideTheBaseDomainFailsWithTheGatewaysSentence()
    {
        var refused = await TenantCtlProcess.RunAsync(OpsEnvironment(), "certs", "issue", "stranger.example.com");

        Assert.Equal(Refused, refused.ExitCode);
        Assert.Contains("'stranger.example.com' is not sintestesia.cl", refused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", refused.Stderr, StringComparison.Ordinal);
        Assert.Empty(refused.Stdout);
    }

    [Fact]
    public async Task ForcedRenewalOrdersAgainAndSaysHowManyWereRenewed()
    {
        var issued = await TenantCtlProcess.RunAsync(OpsEnvironment(), "certs", "issue", "bravo.sintestesia.cl");
        Assert.True(issued.ExitCode == 0, issued.ToString());

        var renewed = await TenantCtlProcess.RunAsync(OpsEnvironment(), "certs", "renew", "--force");

        Assert.True(renewed.ExitCode == 0, renewed.ToString());
        var count = RenewedCount().Match(renewed.Stdout);
        Assert.True(count.Success, renewed.Stdout);
        Assert.True(int.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture) >= 1, renewed.Stdout);
        Assert.Matches(@"(?m)^bravo\.sintestesia\.cl\s+valid\s", renewed.Stdout);
    }

    [Fact]
    public async Task AMissingAdminTokenIsRefusedWithASentenceSayingWhatToSet()
    {
        var environment = OpsEnvironment();
        environment.Remove("SINTESTESIA_ADMIN_TOKEN");

        var refused = await TenantCtlProcess.RunAsync(environment, "certs", "list");

        Assert.Equal(Usage, refused.ExitCode);
        Assert.Contains("set SINTESTESIA_ADMIN_TOKEN", refused.Stderr, StringComparison.Ordinal);
        Assert.Empty(refused.Stdout);
    }

    [Fact]
    public async Task AWrongAdminTokenGetsTheGatewaysSentence()
    {
        var environment = OpsEnvironment();
        environment["SINTESTESIA_ADMIN_TOKEN"] = "not-the-token";

        var refused = await TenantCtlProcess.RunAsync(environment, "certs", "list");

        Assert.Equal(Usage, refused.ExitCode);
        Assert.Contains("A valid admin token is required", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableGatewayIsNamedByItsUrl()
    {
        var nobody = FreePort.NextUrl();

        var refused = await TenantCtlProcess.RunAsync(OpsEnvironment(), "certs", "list", "--gateway", nobody.ToString());

        Assert.Equal(Refused, refused.ExitCode);
        Assert.Contains($"Could not reach the gateway at {nobody}", refused.Stderr, StringComparison.Ordinal);
        Assert.Empty(refused.Stdout);
    }

    [GeneratedRegex(@"^Renewed (\d+) certificates?\.", RegexOptions.Multiline)]
    private static partial Regex RenewedCount();
}
