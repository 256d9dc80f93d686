using System.Text.RegularExpressions;

namespace Sintestesia.TenantConfig.Administration;

/// <summary>What a valid bot-host pool name and destination look like.</summary>
public static partial class BotPoolRules
{
    /// <summary>The most bot hosts one pool may list; the fewest is one (a pool without hosts is removed instead).</summary>
    public const int MaxDestinations = 50;

    /// <summary>The longest destination address, as the column holds it.</summary>
    public const int MaxAddressLength = 500;

    /// <summary>A pool name becomes part of a YARP cluster ID (<c>pool-{id}</c>) and of log lines: a DNS label, lower case.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>
    /// The address as stored: an absolute http(s) URL without query, fragment or user info, in the form <see cref="Uri"/>
    /// gives it (lower-case scheme and host, default port left out), without a trailing slash; null when it is not one.
    /// </summary>
    public static string? NormalizeDestination(string? address)
    {
        var text = address?.Trim();
        if (string.IsNullOrEmpty(text) || text.Contains('?', StringComparison.Ordinal) || text.Contains('#', StringComparison.Ordinal)
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0 || uri.Host.Length == 0)
        {
            return null;
        }

        var normalized = uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
        return normalized.Length <= MaxAddressLength ? normalized : null;
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
