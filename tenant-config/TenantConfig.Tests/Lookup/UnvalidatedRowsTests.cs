using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.Lookup;

/// <summary>Rows written by plain SQL skip the admin rules; the snapshot must still route safely.</summary>
public sealed class UnvalidatedRowsTests
{
    [Fact]
    public void SlugWrittenInUpperCaseBySqlStillResolves()
    {
        var snapshot = Tenants.Snapshot(Tenants.Active("nueva-2024", "Nueva", "Nueva-Tienda"));

        Assert.Equal("nueva-2024", TenantLookup.Resolve(snapshot, "nueva-tienda").Tenant?.Id);
    }

    [Fact]
    public void TenantWhoseIdCannotTravelInAHeaderIsListedButNotRouted()
    {
        var snapshot = Tenants.Snapshot(
            Tenants.Active("tienda ñandú", "Tienda Ñandú", "nandu"),
            Tenants.Active("acme-cannabis-2024", "ACME Cannabis Store", "acme"));

        Assert.Equal(2, snapshot.All.Count);
        Assert.False(TenantLookup.Resolve(snapshot, "nandu").Found);
        Assert.Null(snapshot.FindById("tienda ñandú"));
        Assert.True(TenantLookup.Resolve(snapshot, "acme").Found);
    }

    [Fact]
    public void TwoSlugsDifferingOnlyInCaseRouteToNeither()
    {
        var snapshot = Tenants.Snapshot(Tenants.Active("a-2024", "A", "tienda"), Tenants.Active("b-2024", "B", "TIENDA"));

        Assert.Null(snapshot.FindBySlug("tienda"));
    }
}
