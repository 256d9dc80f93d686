using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Secrets;
using Sintestesia.TenantConfig.Seed;

namespace Sintestesia.Gateway.Tests.Infrastructure;

/// <summary>
/// A real database, migrated and seeded like production, deleted afterwards: a SQLite file in its own temp folder, or
/// a database of its own on the PostgreSQL server <c>scripts/test.sh</c> starts (<see cref="PostgresServerVariable"/>).
/// Plain SQL names parameters <c>@name</c>, which both providers understand.
/// </summary>
public sealed class TenantDatabase(string provider = DatabaseOptions.Sqlite) : IAsyncDisposable
{
    public const string PostgresServerVariable = "SINTESTESIA_TEST_POSTGRES";

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
            var server = PostgresServer();
            await PostgresAdminAsync(server, $"CREATE DATABASE {_postgresName}");
            _postgres = new NpgsqlConnectionStringBuilder(server) { Database = _postgresName }.ConnectionString;
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
            await using (var mine = new NpgsqlConnection(_postgres))
            {
                NpgsqlConnection.ClearPool(mine);
            }

            await PostgresAdminAsync(PostgresServer(), $"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)");
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The test server, or a failure that says how to get one: PostgreSQL tests must not pass by being skipped.</summary>
    private static string PostgresServer() =>
        Environment.GetEnvironmentVariable(PostgresServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{PostgresServerVariable} is not set, so the PostgreSQL variants of these tests have no server: run scripts/test.sh, " +
                $"which starts one on loopback, or export {PostgresServerVariable}=\"Host=127.0.0.1;Port=5432;Username=postgres\" for a server of your own.");

    private static async Task PostgresAdminAsync(string server, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
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
