using System.Data.Common;
using Npgsql;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>
/// A database of its own on the PostgreSQL server <c>scripts/test.sh</c> starts on loopback
/// (<see cref="ServerVariable"/>), dropped afterwards.
/// </summary>
public sealed class PostgresDatabase : TestDatabase
{
    /// <summary>Connection string of the test server, without a database: <c>Host=127.0.0.1;Port=…;Username=…</c>.</summary>
    public const string ServerVariable = "SINTESTESIA_TEST_POSTGRES";

    private readonly string _name = $"bothost_tests_{Guid.NewGuid():N}";
    private string? _connectionString;

    public override string Provider => DatabaseOptions.Postgres;

    public override string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The PostgreSQL test database is not created yet.");

    public override async Task CreateAsync()
    {
        var server = Server();
        await AdminAsync(server, $"CREATE DATABASE {_name}");
        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _name }.ConnectionString;
        await MigrateAsync();
    }

    public override async ValueTask DisposeAsync()
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

    public override async Task<DbConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public override string SecondsEarlier(string column, string secondsParameter) => $"{column} - make_interval(secs => {secondsParameter})";

    protected override (string Create, string Drop) RefusingTrigger(string name, string table, string condition) => (
        $"""
        CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
        CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW WHEN ({condition}) EXECUTE FUNCTION {name}();
        """,
        $"DROP TRIGGER {name} ON {table}; DROP FUNCTION {name}();");

    /// <summary>The test server, or a failure that says how to get one: these tests must not pass by being skipped.</summary>
    private static string Server() =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set, so the PostgreSQL variants of these tests have no server: run scripts/test.sh, " +
                $"which starts one on loopback, or export {ServerVariable}=\"Host=127.0.0.1;Port=5432;Username=postgres\" for a server of your own.");

    private static async Task AdminAsync(string server, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
