using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sintestesia.TenantConfig.Data;

/// <summary>
/// Lets SQLite itself wait for a busy writer (it retries within milliseconds) instead of the driver's own retry,
/// which sleeps 150 ms per attempt: gateway, bot hosts and tenantctl all write to one file.
/// </summary>
internal sealed class SqliteBusyTimeout(int milliseconds) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = Pragma(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = Pragma(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand Pragma(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {milliseconds};";
        return command;
    }
}
