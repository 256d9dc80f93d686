using Npgsql;
using Sintestesia.Certs;

namespace Sintestesia.TenantConfig.Certificates;

/// <summary>
/// One ACME order per name across every gateway on a PostgreSQL database: a session-level advisory lock held on a
/// connection of its own for as long as the order runs. If the gateway dies, PostgreSQL ends the session and the lock
/// goes with it, so no lease can be left behind.
/// </summary>
public sealed class PostgresOrderLock(string connectionString) : IOrderLock
{
    /// <inheritdoc />
    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext(@key))", connection);
            take.Parameters.AddWithValue("key", Key(name));
            if (await take.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new Held(connection, name);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    private static string Key(string name) => "sintestesia.acme-order:" + name;

    private sealed class Held(NpgsqlConnection connection, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext(@key))", connection);
                release.Parameters.AddWithValue("key", Key(name));
                await release.ExecuteScalarAsync();
            }
            catch (NpgsqlException)
            {
                // The session is gone (database restart, failover): so is the lock. The order itself stands.
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
