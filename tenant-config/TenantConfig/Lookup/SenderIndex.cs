namespace Sintestesia.TenantConfig.Lookup;

/// <summary>A snapshot's sender routes resolved to its routable tenants: identifiers of inactive or ambiguous shops drop out.</summary>
internal sealed class SenderIndex(SenderRoutes senders, Dictionary<string, TenantRecord> routableById)
{
    public Dictionary<string, TenantRecord> TwilioNumbers { get; } = Routable(senders.TwilioNumbers, routableById);

    public Dictionary<string, TenantRecord> MessagingServices { get; } = Routable(senders.MessagingServices, routableById);

    public Dictionary<string, TenantRecord> TwilioAccountNumbers { get; } = Routable(senders.TwilioAccountNumbers, routableById);

    public Dictionary<string, TenantRecord> MetaPhoneNumbers { get; } = Routable(senders.MetaPhoneNumbers, routableById);

    private static Dictionary<string, TenantRecord> Routable(IReadOnlyDictionary<string, string> tenantIdByKey, Dictionary<string, TenantRecord> routableById)
    {
        var routable = new Dictionary<string, TenantRecord>(StringComparer.Ordinal);
        foreach (var (key, tenantId) in tenantIdByKey)
        {
            if (routableById.TryGetValue(tenantId, out var tenant))
            {
                routable[key] = tenant;
            }
        }

        return routable;
    }
}
