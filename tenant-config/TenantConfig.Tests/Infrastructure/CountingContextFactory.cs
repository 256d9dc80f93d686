using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.TenantConfig.Tests.Infrastructure;

/// <summary>Opens the test database and counts how often it is opened: no context, no query.</summary>
public sealed class CountingContextFactory(IDbContextFactory<TenantDbContext> inner) : IDbContextFactory<TenantDbContext>
{
    private int _created;

    public int Created => _created;

    public TenantDbContext CreateDbContext()
    {
        Interlocked.Increment(ref _created);
        return inner.CreateDbContext();
    }
}
