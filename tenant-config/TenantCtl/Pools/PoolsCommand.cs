using System.CommandLine;
using System.Globalization;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantCtl.Configuration;
using Sintestesia.TenantCtl.Output;

namespace Sintestesia.TenantCtl.Pools;

/// <summary>
/// <c>pools list|set|remove</c>: bot-host pools, written to the database; gateways re-route within their refresh
/// interval, without a restart. Shops join a pool with <c>tenants set ID --bot-pool NAME</c>.
/// </summary>
internal static class PoolsCommand
{
    public static Command Create()
    {
        var pools = new Command("pools", "List, set or remove bot-host pools: named sets of bot hosts serving the shops assigned to them.");
        pools.Subcommands.Add(List());
        pools.Subcommands.Add(Set());
        pools.Subcommands.Add(Remove());
        return pools;
    }

    private static Command List()
    {
        var list = new Command("list", "List every pool with its bot hosts and how many shops it serves.");
        list.SetGuardedAction(async (parseResult, ct) =>
        {
            await using var session = AdminSession.Open(parseResult, storesSecrets: false);
            var all = await session.Admin.ListPoolsAsync(ct);
            if (all.Count == 0)
            {
                Console.WriteLine("No bot-host pools: every shop is served by the gateway's default bot hosts (Gateway:BotHosts). "
                    + "Add one with `tenantctl pools set <name> --destination <url>`.");
                return ExitCodes.Ok;
            }

            var table = new TextTable("POOL", "SHOPS", "DESTINATIONS");
            foreach (var pool in all)
            {
                table.Add(pool.Id, pool.Tenants.ToString(CultureInfo.InvariantCulture), string.Join(' ', pool.Destinations));
            }

            Console.Write(table.ToString());
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Set()
    {
        var id = new Argument<string>("name") { Description = "Pool name: a DNS label such as premium." };
        var destinations = new Option<string[]>("--destination")
        {
            Description = $"A bot host's URL, e.g. http://10.0.0.7:9101; repeat for each host (1 to {BotPoolRules.MaxDestinations}).",
            HelpName = "url",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var set = new Command("set", "Create a pool, or replace all of its bot hosts at once.");
        set.Arguments.Add(id);
        set.Options.Add(destinations);
        set.SetGuardedAction(async (parseResult, ct) =>
        {
            await using var session = AdminSession.Open(parseResult, storesSecrets: false);
            var result = await session.Admin.SetPoolAsync(parseResult.GetValue(id)!, parseResult.GetValue(destinations)!, ct);
            if (result.Error is { } error)
            {
                return await CommandActions.RefuseAsync(error);
            }

            var pool = result.Value!;
            Console.WriteLine($"Pool {pool.Id} now has {Hosts(pool.Destinations.Count)} and serves {Shops(pool.Tenants)}:");
            foreach (var destination in pool.Destinations)
            {
                Console.WriteLine($"  {destination}");
            }

            return ExitCodes.Ok;
        });
        return set;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("name") { Description = "Pool name." };
        var remove = new Command("remove", "Remove a pool; the shops it served go back to the default bot hosts.");
        remove.Arguments.Add(id);
        remove.SetGuardedAction(async (parseResult, ct) =>
        {
            await using var session = AdminSession.Open(parseResult, storesSecrets: false);
            var result = await session.Admin.RemovePoolAsync(parseResult.GetValue(id)!, ct);
            if (result.Error is { } error)
            {
                return await CommandActions.RefuseAsync(error);
            }

            Console.WriteLine($"Removed pool {result.Value!.Id}; {Shops(result.Value.Tenants)} went back to the default bot hosts.");
            return ExitCodes.Ok;
        });
        return remove;
    }

    private static string Hosts(int n) => n == 1 ? "1 bot host" : string.Create(CultureInfo.InvariantCulture, $"{n} bot hosts");

    private static string Shops(int n) => n == 1 ? "1 shop" : string.Create(CultureInfo.InvariantCulture, $"{n} shops");
}
