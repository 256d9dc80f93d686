namespace Sintestesia.TenantConfig.Administration;

/// <summary>A bot-host pool as ops see it: its hosts in the order they were given, and how many shops it serves.</summary>
public sealed record BotPoolRecord(string Id, IReadOnlyList<string> Destinations, int Tenants);
