using System.CommandLine;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Settings;
using Sintestesia.TenantCtl.Configuration;

namespace Sintestesia.TenantCtl.Tenants;

internal static class SetTenantCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Tenant ID." };
        var name = new Option<string?>("--name") { Description = "Shop name shown to customers." };
        var currency = new Option<string?>("--currency") { Description = "ISO 4217 code prices are shown in, e.g. CLP.", HelpName = "code" };
        var hours = new Option<string?>("--business-hours")
        {
            Description = "Opening hours, e.g. \"lun-vie 09:00-19:00; sab 10:00-14:00\"; \"\" means always open.",
            HelpName = "hours",
        };
        var timeZone = new Option<string?>("--time-zone")
        {
            Description = $"IANA time zone of the hours, e.g. America/Santiago; \"\" means {TenantSettings.DefaultTimeZone}.",
            HelpName = "iana-name",
        };
        var llm = new Option<string?>("--llm") { Description = "Whether the configured language model answers this shop's shoppers.", HelpName = "on|off" };
        llm.AcceptOnlyFromAmong("on", "off");
        var persona = new Option<string?>("--persona")
        {
            Description = $"How the assistant should sound (at most {TenantSettings.MaxPersonaLength} characters); \"\" clears it.",
            HelpName = "text",
        };

        var rateLimit = new Option<string?>("--rate-limit")
        {
            Description = $"Webhook requests per minute the gateway accepts for this shop (1 to {TenantRules.MaxRateLimitPerMinute}); "
                + "\"default\" follows the gateway's Gateway:RateLimit:PerMinute.",
            HelpName = "n|default",
        };
        var botPool = new Option<string?>("--bot-pool")
        {
            Description = "The bot-host pool serving this shop (see `tenantctl pools list`); \"\" returns it to the default bot hosts.",
            HelpName = "pool",
        };

        var set = new Command("set", "Change a tenant's name, shop settings, rate limit or bot-host pool; options not given stay as they are.");
        set.Arguments.Add(id);
        foreach (var option in new Option[] { name, currency, hours, timeZone, llm, persona, rateLimit, botPool })
        {
            set.Options.Add(option);
        }

        set.SetGuardedAction(async (parseResult, ct) =>
        {
            var changes = new TenantChanges
            {
                Name = parseResult.GetValue(name),
                Currency = parseResult.GetValue(currency),
                BusinessHours = parseResult.GetValue(hours),
                TimeZone = parseResult.GetValue(timeZone),
                LlmEnabled = parseResult.GetValue(llm) switch { "on" => true, "off" => false, _ => null },
                LlmPersona = parseResult.GetValue(persona),
                RateLimit = RateLimitArgument.Parse(parseResult.GetValue(rateLimit)),
                BotPool = parseResult.GetValue(botPool),
            };
            if (changes == new TenantChanges())
            {
                throw new UsageException("Nothing to change: give at least one of --name, --currency, --business-hours, --time-zone, --llm, --persona, --rate-limit or --bot-pool.");
            }

            await using var session = AdminSession.Open(parseResult, storesSecrets: false);
            var result = await session.Admin.UpdateAsync(parseResult.GetValue(id)!, changes, ct);
            if (result.Error is { } error)
            {
                return await CommandActions.RefuseAsync(error);
            }

            Console.WriteLine($"Updated tenant:\n{TenantPrinter.Describe(result.Value!)}");
            return ExitCodes.Ok;
        });
        return set;
    }
}
