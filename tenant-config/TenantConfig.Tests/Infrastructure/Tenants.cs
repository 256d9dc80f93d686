using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Lookup;

namespace Sintestesia.TenantConfig.Tests.Infrastructure;

/// <summary>Tenant records and snapshots built by hand, for lookup tests that need no database.</summary>
internal static class Tenants
{
    public static TenantRecord Active(string id, string name, string slug) =>
        new(id, name, slug, TenantStatus.Active, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    public static TenantRecord Inactive(string id, string name, string slug) => Active(id, name, slug) with { Status = TenantStatus.Inactive };

    public static TenantSnapshot Snapshot(params TenantRecord[] tenants) => new(1, tenants, new Dictionary<string, string>());
}
