using System.CommandLine;
using Sintestesia.TenantCtl.Configuration;

namespace Sintestesia.TenantCtl.Meta;

internal static class MetaCommand
{
    public static Command Create()
    {
        var tenantId = new Argument<string>("tenant-id") { Description = "Tenant ID." };
        var phoneNumberId = new Option<string>("--phone-number-id")
        {
            Required = true,
            Description = "Meta's numeric ID of the WhatsApp number (the app's WhatsApp > API setup page).",
        };
        var displayNumber = new Option<string?>("--display-number") { Description = "The number as shoppers see it, e.g. +56 9 1234 5678 (optional)." };
        var secretsFromStdin = new Option<bool>("--secrets-stdin")
        {
            Description = $"Read the verify token, app secret and access token from three lines of standard input (otherwise from " +
                $"{MetaSecretsSource.VerifyTokenVariable}, {MetaSecretsSource.AppSecretVariable} and {MetaSecretsSource.AccessTokenVariable}).",
        };
        var set = new Command("set", "Replace a tenant's WhatsApp Cloud API number; its three secrets are stored encrypted.");
        set.Arguments.Add(tenantId);
        set.Options.Add(phoneNumberId);
        set.Options.Add(displayNumber);
        set.Options.Add(secretsFromStdin);
        set.SetGuardedAction(async (parseResult, ct) =>
        {
            await using var session = AdminSession.Open(parseResult, storesSecrets: true);
            var secrets = await MetaSecretsSource.ReadAsync(parseResult.GetValue(secretsFromStdin), ct);
            var id = parseResult.GetValue(tenantId)!;
            var numberId = parseResult.GetValue(phoneNumberId);
            var result = await session.Admin.SetMetaAsync(id, numberId, parseResult.GetValue(displayNumber),
                secrets.VerifyToken, secrets.AppSecret, secrets.AccessToken, ct);
            if (result.Error is { } error)
            {
                return await CommandActions.RefuseAsync(error);
            }

            Console.WriteLine($"Meta number of {id} set: phone_number_id {numberId?.Trim()}; the verify token, app secret and access token are stored encrypted.");
            return ExitCodes.Ok;
        });

        var meta = new Command("meta", "A tenant's WhatsApp Cloud API (Meta) number.");
        meta.Subcommands.Add(set);
        return meta;
    }
}
