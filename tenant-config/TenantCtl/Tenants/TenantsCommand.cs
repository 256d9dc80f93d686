using System.CommandLine;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.TenantCtl.Tenants;

internal static class TenantsCommand
{
    public static Command Create()
    {
        var tenants = new Command("tenants", "Add, list, show, change, disable, enable or remove shops.");
        tenants.Subcommands.Add(AddTenantCommand.Create());
        tenants.Subcommands.Add(ListTenantsCommand.Create());
        tenants.Subcommands.Add(ShowTenantCommand.Create());
        tenants.Subcommands.Add(SetTenantCommand.Create());
        tenants.Subcommands.Add(TenantStatusCommands.Create("disable", "Stop routing a tenant (its data stays).", TenantStatus.Inactive));
        tenants.Subcommands.Add(TenantStatusCommands.Create("enable", "Route a disabled tenant again.", TenantStatus.Active));
        tenants.Subcommands.Add(RemoveTenantCommand.Create());
        return tenants;
    }
}
