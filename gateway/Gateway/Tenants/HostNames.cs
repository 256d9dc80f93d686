using Sintestesia.TenantConfig.Administration;

namespace Sintestesia.Gateway.Tenants;

internal static class HostNames
{
    /// <summary>
    /// The slug in <c>{slug}.{baseDomain}</c>, whatever the case, port or trailing dot; null for any other
    /// host, including deeper names and look-alikes such as <c>acme.sintestesia.cl.evil.com</c>.
    /// </summary>
    public static string? SlugOf(HostString host, string baseDomain)
    {
        var name = host.Host;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        name = name.TrimEnd('.').ToLowerInvariant();
        if (name.Length <= baseDomain.Length + 1
            || !name.EndsWith(baseDomain, StringComparison.Ordinal)
            || name[^(baseDomain.Length + 1)] != '.')
        {
            return null;
        }

        var slug = name[..^(baseDomain.Length + 1)];
        return TenantRules.IsValidSlug(slug) ? slug : null;
    }
}
