namespace Sintestesia.Certs;

/// <summary>The one spelling of a certificate name that every store keys on.</summary>
public static class CertificateNames
{
    /// <summary>Trimmed, lower case, without a trailing dot: a host name, optionally <c>*.</c>-prefixed.</summary>
    /// <exception cref="ArgumentException">The name is not a host name.</exception>
    public static string Normalize(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var normalized = name.Trim().TrimEnd('.').ToLowerInvariant();
        var host = normalized.StartsWith("*.", StringComparison.Ordinal) ? normalized[2..] : normalized;
        if (host.Length is 0 or > 253 || host.StartsWith('.') || host.Contains("..", StringComparison.Ordinal)
            || !host.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.'))
        {
            throw new ArgumentException($"'{name}' is not a valid certificate name (host name, optionally '*.'-prefixed).", nameof(name));
        }

        return normalized;
    }
}
