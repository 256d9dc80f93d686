using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Sintestesia.TenantConfig.Lookup;

/// <summary>
/// An immutable picture of <c>tenant_clients</c> (and Twilio sender numbers) with every index routing needs.
/// Built off the request path and swapped atomically; requests only read it.
/// </summary>
public sealed partial class TenantSnapshot
{
    public static readonly TenantSnapshot Empty = new(0, [], SenderRoutes.None);

    public TenantSnapshot(long version, IEnumerable<TenantRecord> tenants, IReadOnlyDictionary<string, string> tenantIdByTwilioNumber)
        : this(version, tenants, SenderRoutes.None with { TwilioNumbers = tenantIdByTwilioNumber })
    {
    }

    public TenantSnapshot(long version, IEnumerable<TenantRecord> tenants, SenderRoutes senders)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        ArgumentNullException.ThrowIfNull(senders);
        Version = version;
        Senders = senders;
        All = [.. tenants.OrderBy(t => t.Slug, StringComparer.Ordinal)];
        // Plain dictionaries: a frozen one reads a little faster but costs far more to build, and at 100,000 shops
        // the build is what a new shop waits for. Only lookups by Host and exact ID are built before the swap.
        var active = All.Where(IsRoutable).ToArray();
        ById = new Dictionary<string, TenantRecord>(active.Length, StringComparer.Ordinal);
        var slugs = new Dictionary<string, TenantRecord?>(active.Length, StringComparer.Ordinal);
        foreach (var tenant in active)
        {
            ById.TryAdd(tenant.Id, tenant);
            ClaimSlug(slugs, tenant);
        }

        BySlug = Unclaimed(slugs, new Dictionary<string, TenantRecord>(slugs.Count, StringComparer.Ordinal));
        (_byIdStem, _nameCandidates) = Fallbacks(All);
        _senderIndex = new SenderIndex(senders, ById);
    }

    /// <summary>
    /// Bot-host pools with at least one destination, by name (<c>bot_pools</c>); a shop naming a pool missing here is
    /// served by the default pool.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> BotPools { get; init; } = FrozenDictionary<string, IReadOnlyList<string>>.Empty;

    private readonly Lazy<Dictionary<string, TenantRecord[]>> _byIdStem;
    private readonly Lazy<(string NormalizedName, TenantRecord Tenant)[]> _nameCandidates;
    private readonly SenderIndex _senderIndex;

    /// <summary>Sender numbers and IDs as read, by tenant ID (inactive tenants included), kept to build a successor.</summary>
    public SenderRoutes Senders { get; }

    /// <summary>Change counter of the database when this snapshot was read.</summary>
    public long Version { get; }

    /// <summary>Every tenant, active or not, ordered by slug.</summary>
    public IReadOnlyList<TenantRecord> All { get; }

    internal Dictionary<string, TenantRecord> ById { get; }
    internal Dictionary<string, TenantRecord> BySlug { get; }

    // The fallbacks of /webhook/{slug} (ID stem, fuzzy name): built on first use, off the path of a new shop going live.
    internal Dictionary<string, TenantRecord[]> ByIdStem => _byIdStem.Value;
    internal (string NormalizedName, TenantRecord Tenant)[] NameCandidates => _nameCandidates.Value;
    internal Dictionary<string, TenantRecord> ByTwilioNumber => _senderIndex.TwilioNumbers;
    internal Dictionary<string, TenantRecord> ByMessagingService => _senderIndex.MessagingServices;
    internal Dictionary<string, TenantRecord> ByTwilioAccountNumber => _senderIndex.TwilioAccountNumbers;
    internal Dictionary<string, TenantRecord> ByMetaPhoneNumber => _senderIndex.MetaPhoneNumbers;

    /// <summary>An active tenant by its exact ID.</summary>
    public TenantRecord? FindById(string id) => ById.GetValueOrDefault(id);

    /// <summary>An active tenant by its slug, in any case.</summary>
    public TenantRecord? FindBySlug(string slug) => BySlug.GetValueOrDefault(slug.ToLowerInvariant());

    /// <summary>An active tenant by a Twilio sender number, with or without the <c>whatsapp:</c> prefix.</summary>
    public TenantRecord? FindByTwilioNumber(string number) =>
        ByTwilioNumber.GetValueOrDefault(PhoneNumbers.Canonical(number));

    /// <summary>An active tenant by the Messaging Service SID its numbers belong to.</summary>
    public TenantRecord? FindByMessagingService(string messagingServiceSid) => ByMessagingService.GetValueOrDefault(messagingServiceSid);

    /// <summary>An active tenant by Twilio account and sender number together.</summary>
    public TenantRecord? FindByTwilioAccountNumber(string accountSid, string number) =>
        ByTwilioAccountNumber.GetValueOrDefault(SenderRoutes.AccountNumberKey(accountSid, number));

    /// <summary>An active tenant by its WhatsApp Cloud API <c>phone_number_id</c>.</summary>
    public TenantRecord? FindByMetaPhoneNumber(string phoneNumberId) => ByMetaPhoneNumber.GetValueOrDefault(phoneNumberId);

    // Rows written by plain SQL are not validated: route only what can travel in a header and a host name.
    private static bool IsRoutable(TenantRecord tenant) => tenant.IsActive && IsHeaderSafe(tenant.Id) && IsHeaderSafe(tenant.Slug);

    private static bool IsHeaderSafe(string value) => value.Length > 0 && value.All(c => c is > ' ' and < (char)0x7F);

    // Two rows claiming one slug (possible in plain SQL on a database without the unique index) route neither.
    private static void ClaimSlug(Dictionary<string, TenantRecord?> claims, TenantRecord tenant)
    {
        var slug = tenant.Slug.ToLowerInvariant();
        claims[slug] = claims.ContainsKey(slug) ? null : tenant;
    }

    private static Dictionary<string, TenantRecord> Unclaimed(Dictionary<string, TenantRecord?> claims, Dictionary<string, TenantRecord> bySlug)
    {
        foreach (var (slug, tenant) in claims)
        {
            if (tenant is not null)
            {
                bySlug[slug] = tenant;
            }
        }

        return bySlug;
    }

    // The fallbacks of /webhook/{slug}: built on first use, off the path of a new shop going live.
    private static (Lazy<Dictionary<string, TenantRecord[]>>, Lazy<(string, TenantRecord)[]>) Fallbacks(IReadOnlyList<TenantRecord> all) =>
        (new(() => all.Where(IsRoutable)
            .Select(t => (Stem: YearSuffix().Replace(t.Id, string.Empty), Tenant: t))
            .Where(x => x.Stem.Length < x.Tenant.Id.Length)
            .GroupBy(x => x.Stem, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Tenant).ToArray(), StringComparer.Ordinal)),
         new(() => [.. all.Where(IsRoutable).Select(t => (NameNormalizer.Normalize(t.Name), t))]));

    [GeneratedRegex(@"-\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex YearSuffix();
}
