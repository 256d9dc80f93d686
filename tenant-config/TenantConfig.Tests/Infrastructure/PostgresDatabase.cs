using System.Data.Common;
using Npgsql;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.TenantConfig.Tests.Infrastructure;

/// <summary>
/// A database of its own on the PostgreSQL server <c>scripts/test.sh</c> starts on loopback
/// (<see cref="ServerVariable"/>), migrated like production and dropped afterwards.
/// </summary>
public sealed class PostgresDatabase : TestDatabase
{
    /// <summary>Connection string of the test server, without a database: <c>Host=127.0.0.1;Port=…;Username=…</c>.</summary>
    public const string ServerVariable = "SINTESTESIA_TEST_POSTGRES";

    private readonly bool _migrate;
    private readonly string _name = $"tenantconfig_tests_{Guid.NewGuid():N}";
    private string? _connectionString;

    public PostgresDatabase()
        : this(migrate: true)
    {
    }

    private PostgresDatabase(bool migrate) => _migrate = migrate;

    public override string Provider => DatabaseOptions.Postgres;

    public override string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The PostgreSQL test database is not created yet.");

    /// <summary>An empty database, for tests of migrating from nothing.</summary>
    public static PostgresDatabase Unmigrated() => new(migrate: false);

    /// <summary>The test server, or a failure that says how to get one: these tests must not pass by being skipped.</summary>
    public static string Server() =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set, so the PostgreSQL variants of these tests have no server: run scripts/test.sh, " +
                $"which starts one on loopback, or export {ServerVariable}=\"Host=127.0.0.1;Port=5432;Username=postgres\" for a server of your own.");

    public override async Task InitializeAsync()
    {
        var server = Server();
        await AdminAsync(server, $"CREATE DATABASE {_name}");
        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _name }.ConnectionString;
        if (_migrate)
        {
            await MigrateAsync();
        }
    }

    public override async Task DisposeAsync()
    {
        if (_connectionString is null)
        {
            return;
        }

        await using (var mine = new NpgsqlConnection(_connectionString))
        {
            NpgsqlConnection.ClearPool(mine);
        }

        await AdminAsync(Server(), $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    protected override async Task<DbConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task AdminAsync(string server, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
