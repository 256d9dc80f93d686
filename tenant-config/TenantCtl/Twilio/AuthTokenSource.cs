using Sintestesia.TenantCtl.Configuration;

namespace Sintestesia.TenantCtl.Twilio;

/// <summary>
/// Where the Twilio auth token comes from. Never a command-line argument: that would leave it in shell
/// history and in every <c>ps</c> listing.
/// </summary>
internal static class AuthTokenSource
{
    public const string EnvironmentVariable = "TWILIO_AUTH_TOKEN";

    public static async Task<string> ReadAsync(bool fromStdin, CancellationToken ct)
    {
        if (fromStdin)
        {
            var line = await Console.In.ReadLineAsync(ct);
            return string.IsNullOrWhiteSpace(line)
                ? throw new UsageException("--auth-token-stdin was given but standard input held no token; pipe it in, e.g. `printf '%s\\n' \"$TOKEN\" | tenantctl twilio set …`.")
                : line.Trim();
        }

        return Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } token
            ? token.Trim()
            : throw new UsageException($"No auth token: pass --auth-token-stdin and pipe it on standard input, or set {EnvironmentVariable}. It is never taken as an argument, to keep it out of shell history.");
    }
}
