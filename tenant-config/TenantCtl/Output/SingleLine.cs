namespace Sintestesia.TenantCtl.Output;

internal static class SingleLine
{
    /// <summary>Message bodies may hold newlines and paragraphs; a table row shows only their start.</summary>
    public static string Shorten(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var flat = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= maxLength ? flat : string.Concat(flat.AsSpan(0, maxLength - 1), "…");
    }
}
