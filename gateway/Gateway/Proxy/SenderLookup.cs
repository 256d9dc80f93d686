using Sintestesia.TenantConfig.Lookup;

namespace Sintestesia.Gateway.Proxy;

/// <summary>
/// Which tenant a legacy <c>POST /webhook</c> is for, from what the body says, most specific first: an explicit
/// <c>slug</c> or <c>tenant_id</c>; then, for Twilio forms, the Messaging Service (pooled numbers post it, and
/// their <c>To</c> may be any number of the pool), the account and number together, the number alone; then the
/// configured legacy tenant. Getting this order wrong sends real messages to a tenant whose token rejects them.
/// </summary>
internal static class SenderLookup
{
    public static LookupResult Resolve(TenantSnapshot snapshot, WebhookFields fields, string? legacyTenant)
    {
        if (fields.Slug is { Length: > 0 } slug)
        {
            return TenantLookup.Resolve(snapshot, slug);
        }

        if (fields.TenantId is { Length: > 0 } id)
        {
            return snapshot.FindById(id) is { } byId ? LookupResult.Hit(byId, ResolvedBy.Id) : LookupResult.Miss($"No active tenant has the ID '{id}'.");
        }

        if (fields.MessagingServiceSid is { Length: > 0 } service && snapshot.FindByMessagingService(service) is { } byService)
        {
            return LookupResult.Hit(byService, ResolvedBy.MessagingService);
        }

        if (fields.To is { Length: > 0 } to)
        {
            if (fields.AccountSid is { Length: > 0 } account && snapshot.FindByTwilioAccountNumber(account, to) is { } byAccount)
            {
                return LookupResult.Hit(byAccount, ResolvedBy.TwilioAccountNumber);
            }

            if (snapshot.FindByTwilioNumber(to) is { } byNumber)
            {
                return LookupResult.Hit(byNumber, ResolvedBy.TwilioNumber);
            }
        }

        if (legacyTenant is { Length: > 0 } fallback)
        {
            return snapshot.FindById(fallback) is { } t ? LookupResult.Hit(t, ResolvedBy.LegacyDefault)
                : snapshot.FindBySlug(fallback) is { } s ? LookupResult.Hit(s, ResolvedBy.LegacyDefault)
                : LookupResult.Miss($"Gateway:LegacyTenant names '{fallback}', which is not an active tenant.");
        }

        return LookupResult.Miss("POST /webhook could not tell which shop this is for: add \"slug\" or \"tenant_id\" to the body, " +
            "send a Twilio form whose MessagingServiceSid or To number is a tenant's, or set Gateway:LegacyTenant (env Gateway__LegacyTenant).");
    }
}
