using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.Lookup;

public sealed class TenantLookupTests
{
    private static readonly TenantSnapshot DemoShops = Tenants.Snapshot(
        Tenants.Active("acme-cannabis-2024", "ACME Cannabis Store", "acme"),
        Tenants.Active("bravo-gaming-2024", "Bravo Gaming", "bravo"),
        Tenants.Active("mundo-canino-2024", "Mundo Canino", "mundo-canino"));

    [Theory]
    [InlineData("acme")]
    [InlineData("ACME")]
    [InlineData("  Acme ")]
    public void ExactSlugResolvesInAnyCase(string segment)
    {
        var result = TenantLookup.Resolve(DemoShops, segment);

        Assert.Equal("acme-cannabis-2024", result.Tenant?.Id);
        Assert.Equal(ResolvedBy.Slug, result.By);
    }

    [Fact]
    public void ExactSlugWinsOverFuzzyName()
    {
        var snapshot = Tenants.Snapshot(
            Tenants.Active("perros-felices-2024", "Perros Felices", "mundo"),
            Tenants.Active("otra-tienda-2024", "Mundo", "otra-tienda"));

        var result = TenantLookup.Resolve(snapshot, "mundo");

        Assert.Equal("perros-felices-2024", result.Tenant?.Id);
        Assert.Equal(ResolvedBy.Slug, result.By);
    }

    [Fact]
    public void ExactSlugWinsOverIdStem()
    {
        var snapshot = Tenants.Snapshot(
            Tenants.Active("acme-cannabis-2024", "ACME Cannabis Store", "acme"),
            Tenants.Active("otro-2024", "Otro", "acme-cannabis"));

        var result = TenantLookup.Resolve(snapshot, "acme-cannabis");

        Assert.Equal("otro-2024", result.Tenant?.Id);
        Assert.Equal(ResolvedBy.Slug, result.By);
    }

    [Theory]
    [InlineData("acme-cannabis")]
    [InlineData("ACME-Cannabis")]
    public void IdWithoutItsYearResolvesById(string segment)
    {
        var result = TenantLookup.Resolve(DemoShops, segment);

        Assert.Equal("acme-cannabis-2024", result.Tenant?.Id);
        Assert.Equal(ResolvedBy.Id, result.By);
    }

    [Fact]
    public void IdStemSharedByTwoYearsIsRefusedNamingBoth()
    {
        var snapshot = Tenants.Snapshot(
            Tenants.Active("bravo-2024", "Bravo Viejo", "bravo-old"),
            Tenants.Active("bravo-2025", "Bravo Nuevo", "bravo-new"));

        var result = TenantLookup.Resolve(snapshot, "bravo");

        Assert.False(result.Found);
        Assert.Contains("bravo-2024", result.Failure, StringComparison.Ordinal);
        Assert.Contains("bravo-2025", result.Failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mundo Canino")]
    [InlineData("mundo canino")]
    [InlineData("MUNDO CANINÓ")]
    [InlineData("  mundo   canino ")]
    [InlineData("Mundo Canin0")]
    [InlineData("Mundo Caninos")]
    public void NameResolvesIgnoringCaseAccentsSpacesAndASmallTypo(string segment)
    {
        var result = TenantLookup.Resolve(DemoShops, segment);

        Assert.Equal("mundo-canino-2024", result.Tenant?.Id);
        Assert.Equal(ResolvedBy.Name, result.By);
    }

    [Fact]
    public void NameWithoutSpacesResolves()
    {
        Assert.Equal("mundo-canino-2024", TenantLookup.Resolve(DemoShops, "mundocanino").Tenant?.Id);
    }

    [Fact]
    public void ExactNameWinsOverANearlyIdenticalName()
    {
        var snapshot = Tenants.Snapshot(
            Tenants.Active("mundo-canino-2024", "Mundo Canino", "mundo-canino"),
            Tenants.Active("mundo-canina-2024", "Mundo Canina", "mundo-canina"));

        Assert.Equal("mundo-canino-2024", TenantLookup.Resolve(snapshot, "MUNDO CANINÓ").Tenant?.Id);
    }

    [Theory]
    [InlineData("Mundo")]
    [InlineData("Canino")]
    [InlineData("Mundo Felino")]
    [InlineData("Gaming")]
    public void PartOfANameOrADifferentNameIsAMiss(string segment)
    {
        var result = TenantLookup.Resolve(DemoShops, segment);

        Assert.False(result.Found);
        Assert.False(string.IsNullOrWhiteSpace(result.Failure));
    }

    [Fact]
    public void NearlyIdenticalNamesAreAmbiguousAndRefusedWithASentence()
    {
        var snapshot = Tenants.Snapshot(
            Tenants.Active("mundo-canino-2024", "Mundo Canino", "mundo-canino"),
            Tenants.Active("mundo-canina-2024", "Mundo Canina", "mundo-canina"));

        var result = TenantLookup.Resolve(snapshot, "Mundo Canin");

        Assert.False(result.Found);
        Assert.Contains("more than one tenant", result.Failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("acme-cannabis")]
    [InlineData("ACME Cannabis Store")]
    public void InactiveTenantIsNotResolvedAnyWay(string segment)
    {
        var snapshot = Tenants.Snapshot(
            Tenants.Inactive("acme-cannabis-2024", "ACME Cannabis Store", "acme"),
            Tenants.Active("bravo-gaming-2024", "Bravo Gaming", "bravo"));

        Assert.False(TenantLookup.Resolve(snapshot, segment).Found);
    }

    [Theory]
    [InlineData("acme'; DROP TABLE products;--")]
    [InlineData("../etc/passwd")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\0")]
    [InlineData("%")]
    [InlineData("ñ")]
    public void HostileOrEmptySegmentIsAMissNotAnException(string segment)
    {
        var result = TenantLookup.Resolve(DemoShops, segment);

        Assert.False(result.Found);
        Assert.False(string.IsNullOrWhiteSpace(result.Failure));
    }

    [Fact]
    public void FiveHundredCharacterSegmentIsAMiss()
    {
        Assert.False(TenantLookup.Resolve(DemoShops, new string('a', 500)).Found);
        Assert.False(TenantLookup.Resolve(DemoShops, string.Concat(Enumerable.Repeat("Mundo Canino ", 40))).Found);
    }
}
