using Microsoft.EntityFrameworkCore;

namespace Sintestesia.TenantConfig.Data;

public static class DatabaseMigrator
{
    /// <summary>Applies pending migrations; on SQLite also switches the file to WAL so readers never block the writer.</summary>
    public static async Task MigrateAsync(TenantDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        await db.Database.MigrateAsync(cancellationToken);
    }
}
