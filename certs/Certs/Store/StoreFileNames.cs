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
        var normalized = CertificateNames.Normalize(name);
        return normalized.StartsWith(WildcardPrefix, StringComparison.Ordinal)
            ? WildcardFilePrefix + normalized[WildcardPrefix.Length..]
            : normalized;
    }

    public static string ToName(string fileStem) =>
        fileStem.StartsWith(WildcardFilePrefix, StringComparison.Ordinal)
            ? WildcardPrefix + fileStem[WildcardFilePrefix.Length..]
            : fileStem;
}
