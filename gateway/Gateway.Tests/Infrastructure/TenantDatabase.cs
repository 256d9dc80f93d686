using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Secrets;
using Sintestesia.TenantConfig.Seed;
using Sintestesia.Testing;

namespace Sintestesia.Gateway.Tests.Infrastructure;

/// <summary>
/// A real database, migrated and seeded like production, deleted afterwards: a SQLite file in its own temp folder, or
/// a database of its own on the PostgreSQL server <c>scripts/test.sh</c> starts (<see cref="PostgresTestServer"/>).
/// Plain SQL names parameters <c>@name</c>, which both providers understand.
/// </summary>
public sealed class TenantDatabase(string provider = DatabaseOptions.Sqlite) : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sintestesia-gateway-tests-").FullName;
    private readonly string _postgresName = $"gateway_tests_{Guid.NewGuid():N}";
    private string? _postgres;

    public string Provider => provider;

    public bool IsPostgres => provider == DatabaseOptions.Postgres;

    public string ConnectionString => IsPostgres
        ? _postgres ?? throw new InvalidOperationException("The PostgreSQL test database is not created yet.")
        : $"Data Source={Path.Combine(_folder, "t.db")}";

    public async Task CreateAsync(string secretKey, bool seed)
    {
        if (IsPostgres)
        {
            _postgres = await PostgresTestServer.CreateDatabaseAsync(_postgresName);
        }

        await using var db = DatabaseRegistration.CreateContext(provider, ConnectionString);
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

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await PostgresTestServer.DropDatabaseAsync(_postgres);
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = IsPostgres
            ? new NpgsqlConnection(ConnectionString)
            : new SqliteConnection(ConnectionString + ";Default Timeout=30");
        await connection.OpenAsync();
        return connection;
    }

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
