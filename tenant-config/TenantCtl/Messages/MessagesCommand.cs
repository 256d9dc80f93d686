using System.CommandLine;
using System.Globalization;
using Sintestesia.TenantCtl.Configuration;
using Sintestesia.TenantCtl.Output;

namespace Sintestesia.TenantCtl.Messages;

internal static class MessagesCommand
{
    private const int BodyWidth = 80;

    public static Command Create()
    {
        var tenantId = new Argument<string>("tenant-id") { Description = "Tenant ID." };
        var limit = new Option<int>("--limit") { Description = "How many messages, newest first (1-500).", DefaultValueFactory = _ => 20 };
        var list = new Command("list", "Show a tenant's recent inbound and outbound messages, newest first.");
        list.Arguments.Add(tenantId);
        list.Options.Add(limit);
        list.SetGuardedAction(async (parseResult, ct) =>
        {
            await using var session = AdminSession.Open(parseResult, storesSecrets: false);
            var id = parseResult.GetValue(tenantId)!;
            var result = await session.Admin.RecentMessagesAsync(id, parseResult.GetValue(limit), ct);
            if (result.Error is { } error)
            {
                return await CommandActions.RefuseAsync(error);
            }

            if (result.Value!.Count == 0)
            {
                Console.WriteLine($"{id} has no messages yet.");
                return ExitCodes.Ok;
            }

            var table = new TextTable("TIME (UTC)", "DIRECTION", "CHANNEL", "PHONE", "BODY");
            foreach (var m in result.Value)
            {
                table.Add(m.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), m.Direction, m.Channel, m.Phone, SingleLine.Shorten(m.Body, BodyWidth));
            }

            Console.Write(table.ToString());
            return ExitCodes.Ok;
        });

        var messages = new Command("messages", "A tenant's conversations.");
        messages.Subcommands.Add(list);
        return messages;
    }
}
