using System.CommandLine;
using Sintestesia.TenantCtl.Configuration;

namespace Sintestesia.TenantCtl.Certificates;

/// <summary><c>tenantctl certs</c>: the running gateway's certificates, through its admin API (no database needed).</summary>
internal static class CertsCommand
{
    public static Command Create()
    {
        var certs = new Command("certs",
            $"The running gateway's TLS certificates, through its admin API (token from env {GatewayAdminClient.TokenVariable}).");
        certs.Options.Add(GatewayAdminClient.UrlOption);
        certs.Subcommands.Add(List());
        certs.Subcommands.Add(Issue());
        certs.Subcommands.Add(Renew());
        return certs;
    }

    private static Command List()
    {
        var list = new Command("list", "Show the certificates the gateway serves, their state and when they renew.");
        list.SetGatewayAction(async (gateway, _, ct) =>
        {
            var listing = await gateway.ListAsync(ct);
            Console.WriteLine(CertificatePrinter.Header(listing));
            Console.Write(listing.Https == "off"
                ? "This gateway does not terminate HTTPS, so it keeps no certificates.\n"
                : CertificatePrinter.Table(listing.Certificates));
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Issue()
    {
        var name = new Argument<string>("name") { Description = "A shop's host (acme.sintestesia.cl), the base domain, or *.<base domain>." };
        var issue = new Command("issue", "Order a certificate now and wait for it (a new one replaces the current one).");
        issue.Arguments.Add(name);
        issue.SetGatewayAction(async (gateway, parseResult, ct) =>
        {
            var certificate = await gateway.IssueAsync(parseResult.GetValue(name)!, ct);
            Console.Write(CertificatePrinter.Table([certificate]));
            return ExitCodes.Ok;
        });
        return issue;
    }

    private static Command Renew()
    {
        var force = new Option<bool>("--force") { Description = "Renew every certificate, not only those due (e.g. after a key compromise)." };
        var renew = new Command("renew", "Renew the certificates that are due now, instead of waiting for the gateway's next check.");
        renew.Options.Add(force);
        renew.SetGatewayAction(async (gateway, parseResult, ct) =>
        {
            var result = await gateway.RenewAsync(parseResult.GetValue(force), ct);
            Console.WriteLine(result.Renewed == 1 ? "Renewed 1 certificate." : $"Renewed {result.Renewed} certificates.");
            Console.Write(CertificatePrinter.Table(result.Certificates));
            return ExitCodes.Ok;
        });
        return renew;
    }

    /// <summary>Like <see cref="CommandActions.SetGuardedAction"/>, with a gateway client and its refusals as one sentence.</summary>
    private static void SetGatewayAction(this Command command, Func<GatewayAdminClient, ParseResult, CancellationToken, Task<int>> action) =>
        command.SetGuardedAction(async (parseResult, ct) =>
        {
            using var gateway = GatewayAdminClient.Open(parseResult);
            try
            {
                return await action(gateway, parseResult, ct);
            }
            catch (GatewayRefusedException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return e.ExitCode;
            }
        });
}
