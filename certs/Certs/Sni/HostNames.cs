namespace Sintestesia.Certs.Sni;

/// <summary>Host name normalisation and the one-label wildcard rule.</summary>
internal static class HostNames
{
    /// <summary>Lower-cases and drops one trailing dot; <see langword="null"/> for an empty name.</summary>
    public static string? Normalize(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        var trimmed = host.Trim();
        if (trimmed.EndsWith('.'))
        {
            trimmed = trimmed[..^1];
        }

        return trimmed.Length == 0 ? null : trimmed.ToLowerInvariant();
    }

    /// <summary>
    /// The domain a wildcard must cover to serve <paramref name="host"/>: <c>acme.sintestesia.cl</c> →
    /// <c>sintestesia.cl</c>. A wildcard stands for exactly one label, so the parent needs at least two labels.
    /// </summary>
    public static string? WildcardParent(string host)
    {
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }

        var parent = host[(dot + 1)..];
        return parent.Contains('.', StringComparison.Ordinal) ? parent : null;
    }
}
