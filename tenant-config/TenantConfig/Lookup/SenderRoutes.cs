namespace Sintestesia.TenantConfig.Lookup;

/// <summary>
/// Which tenant a provider's sender identifiers belong to, each as identifier → tenant ID. An identifier claimed
/// by two tenants maps to the empty string: it routes to neither, since guessing would hand one shop's
/// messages to another.
/// </summary>
/// <param name="TwilioNumbers">Canonical sender number (<c>+14155238886</c>).</param>
/// <param name="MessagingServices">Messaging Service SID (<c>MG…</c>).</param>
/// <param name="TwilioAccountNumbers">Account SID and canonical number, as <see cref="AccountNumberKey"/>.</param>
/// <param name="MetaPhoneNumbers">WhatsApp Cloud API <c>phone_number_id</c>.</param>
public sealed record SenderRoutes(
    IReadOnlyDictionary<string, string> TwilioNumbers,
    IReadOnlyDictionary<string, string> MessagingServices,
    IReadOnlyDictionary<string, string> TwilioAccountNumbers,
    IReadOnlyDictionary<string, string> MetaPhoneNumbers)
{
    public static readonly SenderRoutes None = new(
        new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>());

    public static string AccountNumberKey(string accountSid, string number) => $"{accountSid}|{PhoneNumbers.Canonical(number)}";

    /// <summary>Collects identifier → tenant pairs, marking identifiers claimed by two tenants as nobody's.</summary>
    public static Dictionary<string, string> Unambiguous(IEnumerable<(string Key, string TenantId)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, tenantId) in pairs)
        {
            if (string.IsNullOrEmpty(key))
            {
                continue;
            }

            if (!map.TryAdd(key, tenantId) && map[key] != tenantId)
            {
                map[key] = string.Empty;
            }
        }

        return map;
    }
}
