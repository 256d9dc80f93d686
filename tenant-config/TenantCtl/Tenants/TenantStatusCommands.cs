using System.CommandLine;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantCtl.Configuration;

namespace Sintestesia.TenantCtl.Tenants;

internal static class TenantStatusCommands
{
    public static Command Create(string verb, string description, string status)
    {
        var id = new Argument<string>("id") { Description = "Tenant ID." };
        var command = new Command(verb, description);
        command.Arguments.Add(id);
        command.SetGuardedAction(async (parseResult, ct) =>
        {
            await using var session = AdminSession.Open(parseResult, storesSecrets: false);
            var result = await session.Admin.UpdateAsync(parseResult.GetValue(id)!, new TenantChanges { Status = status }, ct);
            if (result.Error is { } error)
            {
                return await CommandActions.RefuseAsync(error);
            }

            Console.WriteLine($"Tenant {result.Value!.Tenant.Id} is now {result.Value.Tenant.Status}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
