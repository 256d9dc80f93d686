using Microsoft.EntityFrameworkCore;

namespace Sintestesia.TenantConfig.Data;

/// <summary>
/// <see cref="TenantDbContext"/> on PostgreSQL. The model is the same; the type exists because EF Core finds a
/// context's migrations by its type, and PostgreSQL has its own (<c>Data/Migrations/Postgres</c>). Code asks for
/// <see cref="TenantDbContext"/> and gets this one when <c>Database:Provider</c> is <c>postgres</c>.
/// </summary>
public sealed class PostgresTenantDbContext(DbContextOptions<PostgresTenantDbContext> options) : TenantDbContext(options);
