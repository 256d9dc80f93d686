using System.CommandLine;
using Sintestesia.TenantCtl.Configuration;

namespace Sintestesia.TenantCtl.Tenants;

internal static class ListTenantsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table." };
        var list = new Command("list", "List every tenant, active or not.");
        list.Options.Add(json);
        list.SetGuardedAction(async (parseResult, ct) =>
        {
            await using var session = AdminSession.Open(parseResult, storesSecrets: false);
            var tenants = await session.Admin.ListAsync(ct);
            if (parseResult.GetValue(json))
            {
                Console.WriteLine(TenantPrinter.JsonArray(tenants));
            }
            else if (tenants.Count == 0)
            {
                Console.WriteLine("No tenants yet; add one with `tenantctl tenants add --name <name> --slug <slug>`.");
            }
            else
            {
                Console.Write(TenantPrinter.Table(tenants));
            }

            return ExitCodes.Ok;
        });
        return list;
    }
}
