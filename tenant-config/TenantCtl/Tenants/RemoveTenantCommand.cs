using System.CommandLine;
using Sintestesia.TenantCtl.Configuration;

namespace Sintestesia.TenantCtl.Tenants;

internal static class RemoveTenantCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Tenant ID." };
        var yes = new Option<bool>("--yes") { Description = "Confirm: the catalog, Twilio account and messages are deleted too." };
        var remove = new Command("remove", "Delete a tenant with its catalog, Twilio account and messages.");
        remove.Arguments.Add(id);
        remove.Options.Add(yes);
        remove.SetGuardedAction(async (parseResult, ct) =>
        {
            var tenantId = parseResult.GetValue(id)!;
            if (!parseResult.GetValue(yes))
            {
                await Console.Error.WriteLineAsync(
                    $"Removing {tenantId} deletes its catalog, Twilio account and messages for good; add --yes to confirm (or use `tenants disable` to keep them).");
                return ExitCodes.Refused;
            }

            await using var session = AdminSession.Open(parseResult, storesSecrets: false);
            var result = await session.Admin.DeleteAsync(tenantId, ct);
            if (result.Error is { } error)
            {
                return await CommandActions.RefuseAsync(error);
            }

            Console.WriteLine($"Removed tenant {result.Value!.Id} ({result.Value.Slug}) with its catalog, Twilio account and messages.");
            return ExitCodes.Ok;
        });
        return remove;
    }
}
