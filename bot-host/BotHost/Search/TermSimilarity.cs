namespace Sintestesia.BotHost.Search;

/// <summary>When a typed term counts as a word of the catalog: same stem, a typo away, or its start.</summary>
internal static class TermSimilarity
{
    public static bool Matches(string catalogTerm, string queryTerm)
    {
        if (catalogTerm == queryTerm)
        {
            return true;
        }

        if (queryTerm.All(char.IsAsciiDigit) || catalogTerm.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (queryTerm.Length >= 4 && catalogTerm.StartsWith(queryTerm, StringComparison.Ordinal))
        {
            return true;
        }

        // The light stemmer leaves words under five letters alone: "pipas" → pip, but "pipa" stays pipa.
        var (shorter, longer) = catalogTerm.Length <= queryTerm.Length ? (catalogTerm, queryTerm) : (queryTerm, catalogTerm);
        if (shorter.Length >= 3 && longer.Length - shorter.Length <= 1 && longer.StartsWith(shorter, StringComparison.Ordinal))
        {
            return true;
        }

        return Distance(catalogTerm, queryTerm) <= AllowedEdits(queryTerm.Length);
    }

    /// <summary>
    /// Typo budget by length of the (stemmed) word: short stems must be exact, or "arena" would find "arnés"
    /// and "control" would find "consolas".
    /// </summary>
    public static int AllowedEdits(int length) => length switch
    {
        < 5 => 0,
        < 8 => 1,
        _ => 2,
    };

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return 3;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
