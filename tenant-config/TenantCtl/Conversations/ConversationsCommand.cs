using System.CommandLine;
using System.Globalization;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantCtl.Configuration;
using Sintestesia.TenantCtl.Output;

namespace Sintestesia.TenantCtl.Conversations;

internal static class ConversationsCommand
{
    public static Command Create()
    {
        var conversations = new Command("conversations", "Shoppers' conversations: who waits for a person, who opted out.");
        conversations.Subcommands.Add(List());
        conversations.Subcommands.Add(Release());
        return conversations;
    }

    private static Command List()
    {
        var tenantId = new Argument<string>("tenant-id") { Description = "Tenant ID." };
        var state = new Option<string>("--state")
        {
            Description = $"Which conversations: {ConversationStates.Handoff} (waiting for a person), {ConversationStates.OptedOut} or {ConversationStates.All}.",
            HelpName = "handoff|opted_out|all",
            DefaultValueFactory = _ => ConversationStates.All,
        };
        var limit = new Option<int>("--limit")
        {
            Description = $"How many, most recently active first (1-{TenantAdministration.MaxConversationsListed}).",
            DefaultValueFactory = _ => 20,
        };
        var list = new Command("list", "Show a tenant's conversations, most recently active first.");
        list.Arguments.Add(tenantId);
        list.Options.Add(state);
        list.Options.Add(limit);
        list.SetGuardedAction(async (parseResult, ct) =>
        {
            await using var session = AdminSession.Open(parseResult, storesSecrets: false);
            var id = parseResult.GetValue(tenantId)!;
            var result = await session.Admin.ListConversationsAsync(id, parseResult.GetValue(state), parseResult.GetValue(limit), ct);
            if (result.Error is { } error)
            {
                return await CommandActions.RefuseAsync(error);
            }

            if (result.Value!.Count == 0)
            {
                var which = parseResult.GetValue(state) is ConversationStates.All or null ? "conversations yet" : $"conversations in state {parseResult.GetValue(state)}";
                Console.WriteLine($"{id} has no {which}.");
                return ExitCodes.Ok;
            }

            var table = new TextTable("UPDATED (UTC)", "HANDOFF", "OPTED OUT", "PHONE");
            foreach (var c in result.Value)
            {
                table.Add(c.UpdatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), YesNo(c.Handoff), YesNo(c.OptedOut), c.Phone);
            }

            Console.Write(table.ToString());
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Release()
    {
        var tenantId = new Argument<string>("tenant-id") { Description = "Tenant ID." };
        var phone = new Argument<string>("phone") { Description = "The shopper's number, e.g. +56911111111 or whatsapp:+56911111111." };
        var release = new Command("release", "Hand a conversation back to the bot after a person has taken care of it (an opt-out stays).");
        release.Arguments.Add(tenantId);
        release.Arguments.Add(phone);
        release.SetGuardedAction(async (parseResult, ct) =>
        {
            await using var session = AdminSession.Open(parseResult, storesSecrets: false);
            var id = parseResult.GetValue(tenantId)!;
            var result = await session.Admin.ReleaseConversationAsync(id, parseResult.GetValue(phone), ct);
            if (result.Error is { } error)
            {
                return await CommandActions.RefuseAsync(error);
            }

            Console.WriteLine(result.Value!.OptedOut
                ? $"Released {result.Value.Phone} of {id}; the shopper has opted out, so the bot stays silent until they write ALTA."
                : $"Released {result.Value.Phone} of {id}: the bot answers it again.");
            return ExitCodes.Ok;
        });
        return release;
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
