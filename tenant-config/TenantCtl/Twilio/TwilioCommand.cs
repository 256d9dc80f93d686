using System.CommandLine;
using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantCtl.Configuration;

namespace Sintestesia.TenantCtl.Twilio;

internal static class TwilioCommand
{
    public static Command Create()
    {
        var tenantId = new Argument<string>("tenant-id") { Description = "Tenant ID." };
        var accountSid = new Option<string>("--account-sid") { Required = true, Description = "Twilio Account SID (AC + 32 hex characters)." };
        var from = new Option<string>("--from") { Required = true, Description = "The tenant's WhatsApp sender number, e.g. +14155238886." };
        var tokenFromStdin = new Option<bool>("--auth-token-stdin")
        {
            Description = $"Read the auth token from the first line of standard input (otherwise from {AuthTokenSource.EnvironmentVariable}).",
        };
        var set = new Command("set", "Replace a tenant's Twilio account; the auth token is stored encrypted.");
        set.Arguments.Add(tenantId);
        set.Options.Add(accountSid);
        set.Options.Add(from);
        set.Options.Add(tokenFromStdin);
        set.SetGuardedAction(async (parseResult, ct) =>
        {
            await using var session = AdminSession.Open(parseResult, storesSecrets: true);
            var token = await AuthTokenSource.ReadAsync(parseResult.GetValue(tokenFromStdin), ct);
            var id = parseResult.GetValue(tenantId)!;
            var result = await session.Admin.SetTwilioAsync(id, parseResult.GetValue(accountSid), token, parseResult.GetValue(from), ct);
            if (result.Error is { } error)
            {
                return await CommandActions.RefuseAsync(error);
            }

            Console.WriteLine($"Twilio account of {id} set: {parseResult.GetValue(accountSid)}, sending from {PhoneNumbers.Canonical(parseResult.GetValue(from)!)}; the auth token is stored encrypted.");
            return ExitCodes.Ok;
        });

        var twilio = new Command("twilio", "A tenant's Twilio WhatsApp account.");
        twilio.Subcommands.Add(set);
        return twilio;
    }
}
