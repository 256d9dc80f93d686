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
    /// NOLOGIN is committed on its own first: sent in one batch with the termination, it committed only after the
    /// sessions were listed, and a gateway reconnecting in between kept a live session (CI saw sharing stay on).
    /// Termination is awaited (the timeout argument) and repeated until no session of the role is left.
    /// </summary>
    public async Task ShutOutAsync()
    {
        await PostgresTestServer.ExecuteAsync($"ALTER ROLE {_role} NOLOGIN");
        for (var round = 0; round < 50 && await PostgresTestServer.ScalarAsync<long>(
            $"SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_stat_activity WHERE usename = '{_role}'") > 0; round++)
        {
        }
    }

    public Task LetInAsync() => PostgresTestServer.ExecuteAsync($"ALTER ROLE {_role} LOGIN");

    public async ValueTask DisposeAsync()
    {
        await ShutOutAsync();
        await PostgresTestServer.ExecuteAsync($"DROP ROLE IF EXISTS {_role}");
    }
}
