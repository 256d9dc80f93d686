namespace Sintestesia.Certs.Store;

/// <summary>Maps certificate names to file names that are safe on every file system.</summary>
internal static class StoreFileNames
{
    public const string ChainSuffix = ".chain.pem";
    public const string KeySuffix = ".key.pem";
    private const string WildcardPrefix = "*.";
    private const string WildcardFilePrefix = "_wildcard.";

    public static string ToFileStem(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var normalized = name.Trim().TrimEnd('.').ToLowerInvariant();
        var wildcard = normalized.StartsWith(WildcardPrefix, StringComparison.Ordinal);
        var rest = wildcard ? normalized[WildcardPrefix.Length..] : normalized;
        if (rest.Length == 0 || rest.StartsWith('.') || rest.Contains("..", StringComparison.Ordinal)
            || !rest.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.'))
        {
            throw new ArgumentException($"'{name}' is not a valid certificate name (host name, optionally '*.'-prefixed).", nameof(name));
        }

        return wildcard ? WildcardFilePrefix + rest : rest;
    }

    public static string ToName(string fileStem) =>
        fileStem.StartsWith(WildcardFilePrefix, StringComparison.Ordinal)
            ? WildcardPrefix + fileStem[WildcardFilePrefix.Length..]
            : fileStem;
}
