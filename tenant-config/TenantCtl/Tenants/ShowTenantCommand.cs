using System.CommandLine;
using Sintestesia.TenantCtl.Configuration;

namespace Sintestesia.TenantCtl.Tenants;

internal static class ShowTenantCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Tenant ID." };
        var show = new Command("show", "Show a tenant with all its settings.");
        show.Arguments.Add(id);
        show.SetGuardedAction(async (parseResult, ct) =>
        {
            await using var session = AdminSession.Open(parseResult, storesSecrets: false);
            var result = await session.Admin.GetDetailsAsync(parseResult.GetValue(id)!, ct);
            if (result.Error is { } error)
            {
                return await CommandActions.RefuseAsync(error);
            }

            Console.WriteLine(TenantPrinter.Describe(result.Value!));
            return ExitCodes.Ok;
        });
        return show;
    }
}
