using System.CommandLine;
using Sintestesia.TenantCtl.Configuration;

namespace Sintestesia.TenantCtl.Tenants;

internal static class AddTenantCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Required = true, Description = "Shop name shown to customers." };
        var slug = new Option<string>("--slug") { Required = true, Description = "DNS label: {slug}.sintestesia.cl." };
        var id = new Option<string?>("--id") { Description = "Tenant ID (default: {slug}-{current year})." };
        var add = new Command("add", "Create a tenant.");
        add.Options.Add(name);
        add.Options.Add(slug);
        add.Options.Add(id);
        add.SetGuardedAction(async (parseResult, ct) =>
        {
            await using var session = AdminSession.Open(parseResult, storesSecrets: false);
            var result = await session.Admin.CreateAsync(parseResult.GetValue(name), parseResult.GetValue(slug), parseResult.GetValue(id), ct);
            if (result.Error is { } error)
            {
                return await CommandActions.RefuseAsync(error);
            }

            Console.WriteLine($"Created tenant:\n{TenantPrinter.Describe(result.Value!)}");
            return ExitCodes.Ok;
        });
        return add;
    }
}
