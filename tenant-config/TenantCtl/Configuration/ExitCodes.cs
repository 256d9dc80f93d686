namespace Sintestesia.TenantCtl.Configuration;

internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command was understood but refused (unknown tenant, invalid slug, bad file…).</summary>
    public const int Refused = 1;

    /// <summary>The command line or the environment is wrong (missing option, token or key).</summary>
    public const int Usage = 2;
}
