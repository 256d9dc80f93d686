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
        All = [.. tenants.OrderBy(t => t.Slug, StringComparer.Ordinal)];
        // Rows written by plain SQL are not validated: route only what can travel in a header and a host name.
        var active = All.Where(t => t.IsActive && IsHeaderSafe(t.Id) && IsHeaderSafe(t.Slug)).ToArray();
        ById = active.ToFrozenDictionary(t => t.Id, StringComparer.Ordinal);
        BySlug = active
            .GroupBy(t => t.Slug.ToLowerInvariant(), StringComparer.Ordinal)
            .Where(g => g.Count() == 1)
            .ToFrozenDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
        ByIdStem = active
            .Select(t => (Stem: YearSuffix().Replace(t.Id, string.Empty), Tenant: t))
            .Where(x => x.Stem.Length < x.Tenant.Id.Length)
            .GroupBy(x => x.Stem, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Tenant).ToArray(), StringComparer.Ordinal);
        NameCandidates = [.. active.Select(t => (NameNormalizer.Normalize(t.Name), t))];
        ByTwilioNumber = Routable(senders.TwilioNumbers);
        ByMessagingService = Routable(senders.MessagingServices);
        ByTwilioAccountNumber = Routable(senders.TwilioAccountNumbers);
        ByMetaPhoneNumber = Routable(senders.MetaPhoneNumbers);
    }

    /// <summary>
    /// Bot-host pools with at least one destination, by name (<c>bot_pools</c>); a shop naming a pool missing here is
    /// served by the default pool.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> BotPools { get; init; } = FrozenDictionary<string, IReadOnlyList<string>>.Empty;

    /// <summary>Change counter of the database when this snapshot was read.</summary>
    public long Version { get; }

    /// <summary>Every tenant, active or not, ordered by slug.</summary>
    public IReadOnlyList<TenantRecord> All { get; }

    internal FrozenDictionary<string, TenantRecord> ById { get; }
    internal FrozenDictionary<string, TenantRecord> BySlug { get; }
    internal FrozenDictionary<string, TenantRecord[]> ByIdStem { get; }
    internal (string NormalizedName, TenantRecord Tenant)[] NameCandidates { get; }
    internal FrozenDictionary<string, TenantRecord> ByTwilioNumber { get; }
    internal FrozenDictionary<string, TenantRecord> ByMessagingService { get; }
    internal FrozenDictionary<string, TenantRecord> ByTwilioAccountNumber { get; }
    internal FrozenDictionary<string, TenantRecord> ByMetaPhoneNumber { get; }

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

    private FrozenDictionary<string, TenantRecord> Routable(IReadOnlyDictionary<string, string> tenantIdByKey) =>
        tenantIdByKey.Where(kv => ById.ContainsKey(kv.Value)).ToFrozenDictionary(kv => kv.Key, kv => ById[kv.Value], StringComparer.Ordinal);

    private static bool IsHeaderSafe(string value) => value.Length > 0 && value.All(c => c is > ' ' and < (char)0x7F);

    [GeneratedRegex(@"-\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex YearSuffix();
}
