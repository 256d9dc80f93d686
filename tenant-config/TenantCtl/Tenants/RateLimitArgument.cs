using System.Globalization;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantCtl.Configuration;

namespace Sintestesia.TenantCtl.Tenants;

/// <summary><c>--rate-limit N|default</c>: how ops write a shop's webhook rate limit, and how it is shown back.</summary>
internal static class RateLimitArgument
{
    public const string Default = "default";

    /// <summary>Null when the option was not given; a number out of range is left to the administration rules to refuse.</summary>
    public static RateLimitChange? Parse(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (string.Equals(value.Trim(), Default, StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitChange.Default;
        }

        return int.TryParse(value, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var perMinute)
            ? new RateLimitChange(perMinute)
            : throw new UsageException($"--rate-limit takes a whole number of requests per minute (1 to {TenantRules.MaxRateLimitPerMinute}) or '{Default}', not '{value}'.");
    }

    public static string Describe(int? perMinute) => perMinute is { } n
        ? string.Create(CultureInfo.InvariantCulture, $"{n} requests per minute")
        : "the gateway's default";
}
