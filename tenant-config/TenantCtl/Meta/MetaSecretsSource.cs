using Sintestesia.TenantCtl.Configuration;

namespace Sintestesia.TenantCtl.Meta;

/// <summary>The three Meta secrets of a number, read where only the operator's session sees them.</summary>
internal sealed class MetaSecrets(string verifyToken, string appSecret, string accessToken)
{
    public string VerifyToken { get; } = verifyToken;
    public string AppSecret { get; } = appSecret;
    public string AccessToken { get; } = accessToken;

    public override string ToString() => "Meta secrets";
}

/// <summary>
/// Where the Meta secrets come from: three lines of standard input, or three environment variables. Never
/// command-line arguments, which stay in shell history and show in every <c>ps</c> listing.
/// </summary>
internal static class MetaSecretsSource
{
    public const string VerifyTokenVariable = "META_VERIFY_TOKEN";
    public const string AppSecretVariable = "META_APP_SECRET";
    public const string AccessTokenVariable = "META_ACCESS_TOKEN";

    private static readonly string[] Names = ["verify token", "app secret", "access token"];

    public static async Task<MetaSecrets> ReadAsync(bool fromStdin, CancellationToken ct)
    {
        var values = new string?[3];
        if (fromStdin)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (await Console.In.ReadLineAsync(ct))?.Trim();
            }

            if (Array.FindIndex(values, string.IsNullOrEmpty) is var missing and >= 0)
            {
                throw new UsageException($"--secrets-stdin was given but line {missing + 1} ({Names[missing]}) of standard input is empty; " +
                    "pipe three lines — verify token, app secret, access token — e.g. `printf '%s\\n' \"$VT\" \"$AS\" \"$AT\" | tenantctl meta set …`.");
            }
        }
        else
        {
            string[] variables = [VerifyTokenVariable, AppSecretVariable, AccessTokenVariable];
            values = [.. variables.Select(v => Environment.GetEnvironmentVariable(v)?.Trim())];
            var unset = variables.Where((_, i) => string.IsNullOrEmpty(values[i])).ToList();
            if (unset.Count > 0)
            {
                throw new UsageException($"Missing Meta secrets: set {string.Join(", ", unset)}, or pass --secrets-stdin and pipe the verify token, " +
                    "app secret and access token as three lines. They are never taken as arguments, to keep them out of shell history.");
            }
        }

        return new MetaSecrets(values[0]!, values[1]!, values[2]!);
    }
}
