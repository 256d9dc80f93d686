using System.CommandLine;
using System.Data.Common;
using Sintestesia.TenantConfig.Administration;

namespace Sintestesia.TenantCtl.Configuration;

internal static class CommandActions
{
    /// <summary>Runs the action, turning the failures ops can fix into one sentence on stderr and an exit code.</summary>
    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parseResult, ct) =>
        {
            try
            {
                return await action(parseResult, ct);
            }
            catch (UsageException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return ExitCodes.Usage;
            }
            catch (DbException e)
            {
                var hint = e.Message.Contains("no such table", StringComparison.OrdinalIgnoreCase)
                    ? " Run `tenantctl db migrate` first if this database is new."
                    : string.Empty;
                await Console.Error.WriteLineAsync($"The database refused the command: {e.Message.TrimEnd('.')}.{hint}");
                return ExitCodes.Refused;
            }
        });

    public static async Task<int> RefuseAsync(AdminError error)
    {
        await Console.Error.WriteLineAsync(error.Message);
        return ExitCodes.Refused;
    }
}
