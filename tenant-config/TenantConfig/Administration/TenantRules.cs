using System.Text.RegularExpressions;

namespace Sintestesia.TenantConfig.Administration;

/// <summary>What a valid slug, tenant ID and name look like.</summary>
public static partial class TenantRules
{
    public const int MaxNameLength = 200;

    /// <summary>The highest per-tenant webhook rate limit, in requests per minute; the lowest is 1.</summary>
    public const int MaxRateLimitPerMinute = 1_000_000;

    /// <summary>Names that are not shops: they would shadow the platform's own hosts.</summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.Ordinal) { "www", "api", "admin", "mail" };

    /// <summary>A slug becomes a DNS label (<c>{slug}.sintestesia.cl</c>): RFC 1123, lower case.</summary>
    public static bool IsValidSlug(string? slug) => slug is not null && SlugPattern().IsMatch(slug) && !ReservedSlugs.Contains(slug);

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static bool IsValidName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxNameLength && !name.Any(char.IsControl);

    /// <summary>
    /// A per-tenant rate limit ops may store: null (the gateway's default) or 1 to <see cref="MaxRateLimitPerMinute"/>.
    /// Zero is not "blocked": a shop is blocked by disabling it, which also says why to whoever looks.
    /// </summary>
    public static bool IsValidRateLimit(int? perMinute) => perMinute is null or (>= 1 and <= MaxRateLimitPerMinute);

    public static string DefaultId(string slug, DateTimeOffset now) => $"{slug}-{now.Year}";

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9_-]{0,98}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
