namespace Sintestesia.TenantCtl.Configuration;

/// <summary>The command cannot run as given; the message tells ops what to change.</summary>
internal sealed class UsageException(string message) : Exception(message);
