using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.Lookup;

/// <summary>A snapshot patched with a few changed rows routes exactly as one built from all rows would.</summary>
public sealed class SnapshotPatchTests
{
    private static readonly TenantRecord Uno = Tenants.Active("uno-2024", "Uno", "tienda");
    private static readonly TenantRecord Dos = Tenants.Active("dos-2024", "Dos", "dos");

    [Fact]
    public void ARowClaimingATakenSlugMakesItRouteToNeitherAndItsRemovalGivesItBack()
    {
        var start = Tenants.Snapshot(Uno, Dos);
        var rival = Tenants.Active("rival-2024", "Rival", "TIENDA");

        var contested = start.WithTenantsReplaced(2, new HashSet<string> { rival.Id }, [rival]);
        var settled = contested.WithTenantsReplaced(3, new HashSet<string> { rival.Id }, []);

        Assert.Null(contested.FindBySlug("tienda"));
        Assert.Equal(Uno, settled.FindBySlug("tienda"));
        Assert.Equal(Dos, settled.FindBySlug("dos"));
    }

    [Fact]
    public void ARenamedSlugAndADeactivatedShopMatchAFullBuild()
    {
        var start = Tenants.Snapshot(Uno, Dos, Tenants.Active("tercera-2024", "Tres", "tres"));
        TenantRecord[] changed = [Uno with { Slug = "uno" }, Dos with { Status = TenantStatus.Inactive }];

        var patched = start.WithTenantsReplaced(7, new HashSet<string> { Uno.Id, Dos.Id }, changed);
        var built = Tenants.Snapshot([.. changed, Tenants.Active("tercera-2024", "Tres", "tres")]);

        Assert.Equal(built.All, patched.All);
        Assert.Equal(7, patched.Version);
        Assert.Null(patched.FindBySlug("tienda"));
        Assert.Equal("uno-2024", patched.FindBySlug("uno")?.Id);
        Assert.Null(patched.FindById("dos-2024"));
        Assert.Equal("tercera-2024", TenantLookup.Resolve(patched, "tercera").Tenant?.Id);
        Assert.Equal("uno-2024", TenantLookup.Resolve(patched, "Uno").Tenant?.Id);
    }

    [Fact]
    public void SenderNumbersFollowTheirShopsActiveState()
    {
        var senders = SenderRoutes.None with { TwilioNumbers = new Dictionary<string, string> { ["+14155550101"] = Dos.Id } };
        var start = new TenantSnapshot(1, [Uno, Dos], senders);

        var paused = start.WithTenantsReplaced(2, new HashSet<string> { Dos.Id }, [Dos with { Status = TenantStatus.Inactive }]);
        var resumed = paused.WithTenantsReplaced(3, new HashSet<string> { Dos.Id }, [Dos]);

        Assert.Equal(Dos, start.FindByTwilioNumber("+14155550101"));
        Assert.Null(paused.FindByTwilioNumber("+14155550101"));
        Assert.Equal(Dos, resumed.FindByTwilioNumber("+14155550101"));
    }
}
