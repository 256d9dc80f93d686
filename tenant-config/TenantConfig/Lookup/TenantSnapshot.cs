using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Sintestesia.TenantConfig.Lookup;

/// <summary>
/// An immutable picture of <c>tenant_clients</c> (and Twilio sender numbers) with every index routing needs.
/// Built off the request path and swapped atomically; requests only read it.
/// </summary>
public sealed partial class TenantSnapshot
{
    public static readonly TenantSnapshot Empty = new(0, [], new Dictionary<string, string>());

    public TenantSnapshot(long version, IEnumerable<TenantRecord> tenants, IReadOnlyDictionary<string, string> tenantIdByTwilioNumber)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        ArgumentNullException.ThrowIfNull(tenantIdByTwilioNumber);
        Version = version;
        All = [.. tenants.OrderBy(t => t.Slug, StringComparer.Ordinal)];
        var active = All.Where(t => t.IsActive).ToArray();
        ById = active.ToFrozenDictionary(t => t.Id, StringComparer.Ordinal);
        BySlug = active.ToFrozenDictionary(t => t.Slug, StringComparer.Ordinal);
        ByIdStem = active
            .Select(t => (Stem: YearSuffix().Replace(t.Id, string.Empty), Tenant: t))
            .Where(x => x.Stem.Length < x.Tenant.Id.Length)
            .GroupBy(x => x.Stem, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Tenant).ToArray(), StringComparer.Ordinal);
        NameCandidates = [.. active.Select(t => (NameNormalizer.Normalize(t.Name), t))];
        ByTwilioNumber = tenantIdByTwilioNumber
            .Where(kv => ById.ContainsKey(kv.Value))
            .ToFrozenDictionary(kv => kv.Key, kv => ById[kv.Value], StringComparer.Ordinal);
    }

    /// <summary>Change counter of the database when this snapshot was read.</summary>
    public long Version { get; }

    /// <summary>Every tenant, active or not, ordered by slug.</summary>
    public IReadOnlyList<TenantRecord> All { get; }

    internal FrozenDictionary<string, TenantRecord> ById { get; }
    internal FrozenDictionary<string, TenantRecord> BySlug { get; }
    internal FrozenDictionary<string, TenantRecord[]> ByIdStem { get; }
    internal (string NormalizedName, TenantRecord Tenant)[] NameCandidates { get; }
    internal FrozenDictionary<string, TenantRecord> ByTwilioNumber { get; }

    /// <summary>An active tenant by its exact ID.</summary>
    public TenantRecord? FindById(string id) => ById.GetValueOrDefault(id);

    /// <summary>An active tenant by its slug (slugs are lower-case DNS labels).</summary>
    public TenantRecord? FindBySlug(string slug) => BySlug.GetValueOrDefault(slug);

    /// <summary>An active tenant by a Twilio sender number, with or without the <c>whatsapp:</c> prefix.</summary>
    public TenantRecord? FindByTwilioNumber(string number) =>
        ByTwilioNumber.GetValueOrDefault(PhoneNumbers.Canonical(number));

    [GeneratedRegex(@"-\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex YearSuffix();
}
