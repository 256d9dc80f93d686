using Microsoft.Data.Sqlite;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Secrets;
using Sintestesia.TenantConfig.Seed;

namespace Sintestesia.Gateway.Tests.Infrastructure;

/// <summary>A real SQLite file in its own temp folder, migrated and seeded like production, deleted afterwards.</summary>
public sealed class TenantDatabase : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sintestesia-gateway-tests-").FullName;

    public string ConnectionString => $"Data Source={Path.Combine(_folder, "t.db")}";

    public async Task CreateAsync(string secretKey, bool seed)
    {
        await using var db = new TenantDbContext(DatabaseRegistration.CreateOptions(DatabaseOptions.Sqlite, ConnectionString));
        await DatabaseMigrator.MigrateAsync(db);
        if (seed)
        {
            var protector = new SecretProtector(new SecretOptions { Key = secretKey });
            await DemoSeed.ApplyAsync(new TenantAdministration(db, protector, TimeProvider.System), CancellationToken.None);
        }
    }

    /// <summary>Runs SQL the way an outside tool would: a plain connection, no EF Core.</summary>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Every product name per tenant ID, as the database holds them.</summary>
    public async Task<ILookup<string, string>> ProductNamesAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, "SELECT client_id, name FROM products", []);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string TenantId, string Name)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows.ToLookup(r => r.TenantId, r => r.Name);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(ConnectionString + ";Default Timeout=30");
        await connection.OpenAsync();
        return connection;
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
