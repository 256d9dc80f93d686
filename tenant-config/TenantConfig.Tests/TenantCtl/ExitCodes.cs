namespace Sintestesia.TenantConfig.Tests.TenantCtl;

/// <summary>tenantctl's documented exit codes, restated so a change to them breaks a test.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int UsageError = 2;
}
