using Npgsql;

namespace Sintestesia.Gateway.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL role of its own for gateways, reading and writing every table through PostgreSQL's predefined roles (so
/// it can exist before the test database does). Shutting it out makes the database gone for the gateways alone: bot
/// hosts and the test keep the server's own login.
/// </summary>
public sealed class PostgresLogin : IAsyncDisposable
{
    private readonly string _role = $"gateway_{Guid.NewGuid():N}";

    private PostgresLogin()
    {
    }

    public static async Task<PostgresLogin> CreateAsync()
    {
        var login = new PostgresLogin();
        await ExecuteAsync($"CREATE ROLE {login._role} LOGIN; GRANT pg_read_all_data, pg_write_all_data TO {login._role}");
        return login;
    }

    /// <summary>The database's connection string, logged in as this role.</summary>
    public string ConnectionStringFor(TenantDatabase database) =>
        new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = _role }.ConnectionString;

    /// <summary>No new sessions, and the open ones ended: every query of the role's users fails until <see cref="LetInAsync"/>.</summary>
    public Task ShutOutAsync() => ExecuteAsync(
        $"ALTER ROLE {_role} NOLOGIN; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{_role}'");

    public Task LetInAsync() => ExecuteAsync($"ALTER ROLE {_role} LOGIN");

    public async ValueTask DisposeAsync()
    {
        await ShutOutAsync();
        await ExecuteAsync($"DROP ROLE IF EXISTS {_role}");
    }

    private static async Task ExecuteAsync(string sql)
    {
        var server = Environment.GetEnvironmentVariable(TenantDatabase.PostgresServerVariable)
            ?? throw new InvalidOperationException($"{TenantDatabase.PostgresServerVariable} is not set; run scripts/test.sh.");
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
