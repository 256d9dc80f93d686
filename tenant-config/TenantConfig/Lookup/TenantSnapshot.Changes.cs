namespace Sintestesia.TenantConfig.Lookup;

public sealed partial class TenantSnapshot
{
    private static readonly Comparer<TenantRecord> SlugOrder = Comparer<TenantRecord>.Create((a, b) => string.CompareOrdinal(a.Slug, b.Slug));

    /// <summary>
    /// This snapshot with the rows of <paramref name="changedIds"/> replaced by <paramref name="rows"/> (a changed ID
    /// without a row was deleted); sender routes and pools are kept. Costs a copy of the indexes, not a rebuild, so a
    /// shop added among 100,000 goes live in milliseconds.
    /// </summary>
    public TenantSnapshot WithTenantsReplaced(long version, IReadOnlySet<string> changedIds, IEnumerable<TenantRecord> rows)
    {
        ArgumentNullException.ThrowIfNull(changedIds);
        ArgumentNullException.ThrowIfNull(rows);
        return new TenantSnapshot(this, version, changedIds, [.. rows]);
    }

    private TenantSnapshot(TenantSnapshot previous, long version, IReadOnlySet<string> changedIds, TenantRecord[] rows)
    {
        Version = version;
        Senders = previous.Senders;
        BotPools = previous.BotPools;

        var all = new List<TenantRecord>(previous.All.Count + rows.Length);
        var removed = new List<TenantRecord>();
        foreach (var tenant in previous.All)
        {
            (changedIds.Contains(tenant.Id) ? removed : all).Add(tenant);
        }

        foreach (var row in rows)
        {
            var at = all.BinarySearch(row, SlugOrder);
            all.Insert(at < 0 ? ~at : at, row);
        }

        All = all;
        ById = new Dictionary<string, TenantRecord>(previous.ById, StringComparer.Ordinal);
        foreach (var tenant in removed)
        {
            ById.Remove(tenant.Id);
        }

        foreach (var row in rows.Where(IsRoutable))
        {
            ById[row.Id] = row;
        }

        BySlug = WithSlugsRecounted(previous.BySlug, all, removed.Concat(rows));
        (_byIdStem, _nameCandidates) = Fallbacks(All);
        _senderIndex = new SenderIndex(Senders, ById);
    }

    // A slug touched by a change may have gained or lost a rival claim: only those slugs are counted again.
    private static Dictionary<string, TenantRecord> WithSlugsRecounted(
        Dictionary<string, TenantRecord> previous, List<TenantRecord> all, IEnumerable<TenantRecord> touched)
    {
        var touchedSlugs = touched.Select(t => t.Slug).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var bySlug = new Dictionary<string, TenantRecord>(previous, StringComparer.Ordinal);
        var claims = new Dictionary<string, TenantRecord?>(StringComparer.Ordinal);
        foreach (var slug in touchedSlugs)
        {
            bySlug.Remove(slug.ToLowerInvariant());
        }

        foreach (var tenant in all)
        {
            if (touchedSlugs.Contains(tenant.Slug) && IsRoutable(tenant))
            {
                ClaimSlug(claims, tenant);
            }
        }

        return Unclaimed(claims, bySlug);
    }
}
