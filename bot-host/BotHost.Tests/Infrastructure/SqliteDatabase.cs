using System.Data.Common;
using Microsoft.Data.Sqlite;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>A SQLite file in the temp folder.</summary>
public sealed class SqliteDatabase : TestDatabase
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bothost-tests-{Guid.NewGuid():N}.db");

    public override string Provider => DatabaseOptions.Sqlite;

    public override string ConnectionString => $"Data Source={_file}";

    public override Task CreateAsync() => MigrateAsync();

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }

        return ValueTask.CompletedTask;
    }

    public override async Task<DbConnection> OpenConnectionAsync()
    {
        // The bot host writes to the same file; wait for it rather than fail with SQLITE_BUSY.
        var connection = new SqliteConnection(ConnectionString + ";Default Timeout=30");
        await connection.OpenAsync();
        return connection;
    }

    // EF Core stores SQLite timestamps as text; strftime keeps that text's shape.
    public override string SecondsEarlier(string column, string secondsParameter) =>
        $"strftime('%Y-%m-%d %H:%M:%f', {column}, '-' || {secondsParameter} || ' seconds')";

    protected override (string Create, string Drop) RefusingTrigger(string name, string table, string condition) => (
        $"CREATE TRIGGER {name} BEFORE INSERT ON {table} WHEN {condition} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
        $"DROP TRIGGER {name}");
}
