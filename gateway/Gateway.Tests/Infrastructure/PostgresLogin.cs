using Npgsql;
using Sintestesia.Testing;

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
        await PostgresTestServer.ExecuteAsync($"CREATE ROLE {login._role} LOGIN; GRANT pg_read_all_data, pg_write_all_data TO {login._role}");
        return login;
    }

    /// <summary>The database's connection string, logged in as this role.</summary>
    public string ConnectionStringFor(TenantDatabase database) =>
        new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = _role }.ConnectionString;

    /// <summary>
    /// No new sessions, and the open ones ended: every query of the role's users fails until <see cref="LetInAsync"/>.
    /// Termination is awaited (the timeout argument): without it PostgreSQL only signals the sessions.
    /// </summary>
    public Task ShutOutAsync() => PostgresTestServer.ExecuteAsync(
        $"ALTER ROLE {_role} NOLOGIN; SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE usename = '{_role}'");

    public Task LetInAsync() => PostgresTestServer.ExecuteAsync($"ALTER ROLE {_role} LOGIN");

    public async ValueTask DisposeAsync()
    {
        await ShutOutAsync();
        await PostgresTestServer.ExecuteAsync($"DROP ROLE IF EXISTS {_role}");
    }
}
