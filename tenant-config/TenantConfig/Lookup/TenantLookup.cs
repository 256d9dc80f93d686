using FuzzySharp;

namespace Sintestesia.TenantConfig.Lookup;

/// <summary>The outcome of resolving a tenant: the tenant and how, or why not.</summary>
public sealed record LookupResult(TenantRecord? Tenant, ResolvedBy By, string? Failure)
{
    public bool Found => Tenant is not null;

    public static LookupResult Hit(TenantRecord tenant, ResolvedBy by) => new(tenant, by, null);

    public static LookupResult Miss(string failure) => new(null, default, failure);
}

/// <summary>
/// Resolves the tenant named by a URL segment, in the seed's order: exact slug → ID <c>{slug}-{year}</c> →
/// fuzzy name (accent, case and space insensitive) when exactly one tenant clearly wins.
/// </summary>
public static class TenantLookup
{
    /// <summary>A fuzzy score (0–100) below this is not a match.</summary>
    public const int MinimumNameScore = 85;

    /// <summary>The winner must beat the runner-up by this much, or the match is ambiguous.</summary>
    public const int MinimumLead = 10;

    public const int MaxSegmentLength = 200;

    /// <summary>The score of a name equal to the query but for case, accents and spaces: beats any fuzzy score.</summary>
    private const int ExactScore = 101;

    public static LookupResult Resolve(TenantSnapshot snapshot, string segment)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(segment);
        var key = segment.Trim().ToLowerInvariant();
        if (key.Length is 0 or > MaxSegmentLength)
        {
            return LookupResult.Miss("No tenant matches an empty or over-long name.");
        }

        if (snapshot.FindBySlug(key) is { } bySlug)
        {
            return LookupResult.Hit(bySlug, ResolvedBy.Slug);
        }

        if (snapshot.ByIdStem.TryGetValue(key, out var byStem))
        {
            return byStem.Length == 1
                ? LookupResult.Hit(byStem[0], ResolvedBy.Id)
                : LookupResult.Miss($"'{segment}' matches several tenant IDs ({string.Join(", ", byStem.Select(t => t.Id))}); use the exact slug.");
        }

        return ResolveByName(snapshot, segment);
    }

    private static LookupResult ResolveByName(TenantSnapshot snapshot, string segment)
    {
        var query = NameNormalizer.Normalize(segment);
        if (query.Length < 3)
        {
            return LookupResult.Miss($"No tenant is called '{segment}'.");
        }

        var compactQuery = query.Replace(" ", string.Empty, StringComparison.Ordinal);
        TenantRecord? best = null;
        int bestScore = 0, secondScore = 0;
        foreach (var (name, tenant) in snapshot.NameCandidates)
        {
            var score = name.Replace(" ", string.Empty, StringComparison.Ordinal) == compactQuery ? ExactScore : Fuzz.TokenSortRatio(query, name);
            if (score > bestScore)
            {
                (secondScore, bestScore, best) = (bestScore, score, tenant);
            }
            else if (score > secondScore)
            {
                secondScore = score;
            }
        }

        if (best is null || bestScore < MinimumNameScore)
        {
            return LookupResult.Miss($"No tenant is called '{segment}'.");
        }

        return bestScore - secondScore >= MinimumLead || (bestScore == ExactScore && secondScore < ExactScore)
            ? LookupResult.Hit(best, ResolvedBy.Name)
            : LookupResult.Miss($"'{segment}' is too close to more than one tenant's name; use the exact slug.");
    }
}
