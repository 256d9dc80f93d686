using System.Data.Common;
using Microsoft.Data.Sqlite;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.TenantConfig.Tests.Infrastructure;

/// <summary>A real SQLite file in the temp folder, migrated like production, deleted afterwards.</summary>
public sealed class SqliteDatabase : TestDatabase
{
    private readonly bool _migrate;

    public SqliteDatabase()
        : this(migrate: true)
    {
    }

    private SqliteDatabase(bool migrate)
    {
        _migrate = migrate;
        FilePath = Path.Combine(Path.GetTempPath(), $"tenantconfig-tests-{Guid.NewGuid():N}.db");
    }

    public string FilePath { get; }

    public override string Provider => DatabaseOptions.Sqlite;

    public override string ConnectionString => $"Data Source={FilePath}";

    /// <summary>A file that does not exist yet, for tests of migrating from nothing.</summary>
    public static SqliteDatabase Unmigrated() => new(migrate: false);

    public override Task InitializeAsync() => _migrate ? MigrateAsync() : Task.CompletedTask;

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(FilePath + suffix);
        }

        return Task.CompletedTask;
    }

    protected override async Task<DbConnection> OpenConnectionAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
