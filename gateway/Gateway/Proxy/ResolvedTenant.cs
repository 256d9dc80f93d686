using Sintestesia.TenantConfig.Lookup;

namespace Sintestesia.Gateway.Proxy;

/// <summary>Which tenant a request belongs to, how that was decided, and where the bot host receives it.</summary>
public sealed record ResolvedTenant(TenantRecord Tenant, ResolvedBy By, string UpstreamPath)
{
    public string ByName => By.ToContractName();
}

internal static class ResolvedTenantAccess
{
    private static readonly object Key = new();

    public static void SetResolvedTenant(this HttpContext context, ResolvedTenant tenant) => context.Items[Key] = tenant;

    public static ResolvedTenant? GetResolvedTenant(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var value) ? value as ResolvedTenant : null;
}

/// <summary>The route kinds; each proxied route carries one in its metadata.</summary>
internal static class RouteKinds
{
    public const string MetadataKey = "Sintestesia.Resolution";
    public const string Host = "host";
    public const string Path = "path";
    public const string Legacy = "legacy";
    public const string AdminOutbound = "admin-outbound";
}

/// <summary>Paths of the bot host's API.</summary>
internal static class BotHostPaths
{
    public const string Json = "/webhook";
    public const string Twilio = "/bot/twilio/webhook";
    public const string Meta = "/bot/meta/webhook";
    public const string Outbound = "/outbound/messages";
}
