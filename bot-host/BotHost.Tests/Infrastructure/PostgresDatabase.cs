using System.Data.Common;
using Npgsql;
using Sintestesia.TenantConfig.Data;
using Sintestesia.Testing;

namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>
/// A database of its own on the PostgreSQL server <c>scripts/test.sh</c> starts on loopback
/// (<see cref="PostgresTestServer"/>), dropped afterwards.
/// </summary>
public sealed class PostgresDatabase : TestDatabase
{
    private readonly string _name = $"bothost_tests_{Guid.NewGuid():N}";
    private string? _connectionString;

    public override string Provider => DatabaseOptions.Postgres;

    public override string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The PostgreSQL test database is not created yet.");

    public override async Task CreateAsync()
    {
        _connectionString = await PostgresTestServer.CreateDatabaseAsync(_name);
        await MigrateAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (_connectionString is not null)
        {
            await PostgresTestServer.DropDatabaseAsync(_connectionString);
        }
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
}
