using Sintestesia.TenantConfig.Lookup;

namespace Sintestesia.BotHost.Bench.Shoppers;

/// <summary>How shoppers type: lower case, no accents, and one slip of the finger in the longest word.</summary>
internal static class Typos
{
    private const int ShortestSlipped = 6;

    public static string Fold(string text) => NameNormalizer.Normalize(text);

    /// <summary>Swaps, drops or doubles a letter (by <paramref name="kind"/>) in the longest word, if it is long enough to forgive.</summary>
    public static string Slip(string text, int kind)
    {
        var words = Fold(text).Split(' ');
        var longest = Array.FindIndex(words, w => w.Length == words.Max(x => x.Length));
        var word = words[longest];
        if (word.Length < ShortestSlipped || word.Any(char.IsAsciiDigit))
        {
            return string.Join(' ', words);
        }

        var at = word.Length / 2;
        words[longest] = (kind % 3) switch
        {
            0 => string.Concat(word.AsSpan(0, at), word.AsSpan(at + 1, 1), word.AsSpan(at, 1), word.AsSpan(at + 2)),
            1 => word.Remove(at, 1),
            _ => word.Insert(at, word[at].ToString()),
        };
        return string.Join(' ', words);
    }
}
