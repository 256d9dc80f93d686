using System.CommandLine;
using System.Globalization;
using Sintestesia.TenantCtl.Configuration;
using Sintestesia.TenantCtl.Output;

namespace Sintestesia.TenantCtl.Secrets;

internal static class SecretsCommand
{
    public static Command Create()
    {
        var rotate = new Command("rotate",
            "Re-encrypt every stored credential with the current key (Secrets__KeyId, Secrets__Key), reading older ones with "
            + "Secrets__PreviousKeys__<key-id>. Credentials already on the current key are skipped; if any cannot be read, nothing changes.");
        rotate.SetGuardedAction(async (parseResult, ct) =>
        {
            await using var session = AdminSession.Open(parseResult, storesSecrets: true);
            var result = await session.Admin.RotateSecretsAsync(ct);
            if (result.Error is { } error)
            {
                return await CommandActions.RefuseAsync(error);
            }

            var rotation = result.Value!;
            var table = new TextTable("COLUMN", "RE-ENCRYPTED", "ALREADY CURRENT");
            foreach (var column in rotation.Columns)
            {
                table.Add(column.Column, Count(column.ReEncrypted), Count(column.AlreadyCurrent));
            }

            Console.WriteLine($"Every stored credential is now on key '{SecretKey.CurrentKeyId()}': {Count(rotation.ReEncrypted)} re-encrypted, "
                + $"{Count(rotation.AlreadyCurrent)} already on it.\n{table}");
            if (rotation.ReEncrypted > 0)
            {
                Console.WriteLine("Once every gateway and bot host runs with this key, the previous keys can be removed from their settings.");
            }

            return ExitCodes.Ok;
        });

        var secrets = new Command("secrets", "The key that encrypts stored credentials (Twilio auth tokens, Meta tokens and app secrets, certificate and ACME account keys).");
        secrets.Subcommands.Add(rotate);
        return secrets;
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
