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

        var edits = AllowedEdits(queryTerm.Length);
        return edits > 0 && Distance(catalogTerm, queryTerm, edits) <= edits;
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

    /// <summary>
    /// Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps), computed only as
    /// far as <paramref name="budget"/>: anything beyond it reads as budget + 1. Three rolling rows on the stack.
    /// </summary>
    public static int Distance(string a, string b, int budget = 2)
    {
        if (Math.Abs(a.Length - b.Length) > budget)
        {
            return budget + 1;
        }

        Span<int> twoBack = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var d = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d = Math.Min(d, twoBack[j - 2] + 1);
                }

                current[j] = d;
                rowMin = Math.Min(rowMin, d);
            }

            if (rowMin > budget)
            {
                return budget + 1;
            }

            var spare = twoBack;
            twoBack = previous;
            previous = current;
            current = spare;
        }

        return Math.Min(previous[b.Length], budget + 1);
    }
}
