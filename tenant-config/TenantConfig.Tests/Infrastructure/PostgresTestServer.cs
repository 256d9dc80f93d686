using Npgsql;

namespace Sintestesia.Testing;

/// <summary>
/// The PostgreSQL server <c>scripts/test.sh</c> starts on loopback (<see cref="Variable"/>), on which every test
/// project's PostgreSQL variants make databases and roles of their own. Linked into each test project that needs it.
/// </summary>
internal static class PostgresTestServer
{
    /// <summary>Connection string of the test server, without a database: <c>Host=127.0.0.1;Port=…;Username=…</c>.</summary>
    public const string Variable = "SINTESTESIA_TEST_POSTGRES";

    /// <summary>The test server, or a failure that says how to get one: these tests must not pass by being skipped.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL variants of these tests have no server: run scripts/test.sh, " +
                $"which starts one on loopback, or export {Variable}=\"Host=127.0.0.1;Port=5432;Username=postgres\" for a server of your own.");

    /// <summary>Creates an empty database <paramref name="name"/> and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await ExecuteAsync($"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database <paramref name="connectionString"/> names, ending its sessions, pooled ones first.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        await using (var mine = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(mine);
        }

        await ExecuteAsync($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)");
    }

    /// <summary>Runs server-wide SQL (databases, roles) in the server's own <c>postgres</c> database, unpooled.</summary>
    public static async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenServerAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Like <see cref="ExecuteAsync"/>, returning the first column of the first row.</summary>
    public static async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenServerAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<NpgsqlConnection> OpenServerAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
