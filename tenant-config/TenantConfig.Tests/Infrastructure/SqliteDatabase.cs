using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.TenantConfig.Tests.Infrastructure;

/// <summary>A real SQLite file in the temp folder, migrated like production, deleted afterwards.</summary>
public sealed class SqliteDatabase : IAsyncLifetime
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

    public string ConnectionString => $"Data Source={FilePath}";

    /// <summary>A file that does not exist yet, for tests of migrating from nothing.</summary>
    public static SqliteDatabase Unmigrated() => new(migrate: false);

    public TenantDbContext CreateContext() => new(DatabaseRegistration.CreateOptions(DatabaseOptions.Sqlite, ConnectionString));

    public IDbContextFactory<TenantDbContext> CreateContextFactory() =>
        new PooledDbContextFactory<TenantDbContext>(DatabaseRegistration.CreateOptions(DatabaseOptions.Sqlite, ConnectionString));

    /// <summary>Runs SQL the way an outside tool would: a plain connection, no EF Core.</summary>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync();
    }

    public async Task<long> CountAsync(string table, string tenantColumn, string tenantId) =>
        (long)(await ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE {tenantColumn} = $id", ("$id", tenantId)))!;

    public async Task InitializeAsync()
    {
        if (_migrate)
        {
            await using var db = CreateContext();
            await DatabaseMigrator.MigrateAsync(db);
        }
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(FilePath + suffix);
        }

        return Task.CompletedTask;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
