using Microsoft.Data.Sqlite;

namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>A row of the <c>conversations</c> table.</summary>
public sealed record ConversationRow(bool Handoff, bool OptedOut, string UpdatedAt);

/// <summary>A message row with its delivery status (<c>sent</c>, <c>suppressed</c>, or null for inbound).</summary>
public sealed record MessageStatusRow(long Id, string Direction, string Body, string? Status, long? InReplyToId);

/// <summary>
/// Changes and reads the database with plain SQL on its own connection, as ops or another tool would: nothing
/// goes through the bot host's EF model, so the bot host must notice the change by itself.
/// </summary>
public sealed class PlainSql(string connectionString)
{
    /// <returns>The number of rows changed.</returns>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    public async Task<ConversationRow?> ConversationAsync(string tenantId, string phone)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection,
            "SELECT handoff, opted_out, updated_at FROM conversations WHERE tenant_id = $tenant AND phone = $phone",
            ("$tenant", tenantId), ("$phone", phone));
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new ConversationRow(reader.GetInt64(0) != 0, reader.GetInt64(1) != 0, reader.GetString(2))
            : null;
    }

    public async Task<IReadOnlyList<MessageStatusRow>> MessagesAsync(string tenantId, string phone)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection,
            "SELECT id, direction, body, status, in_reply_to_id FROM messages WHERE tenant_id = $tenant AND phone = $phone ORDER BY id",
            ("$tenant", tenantId), ("$phone", phone));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<MessageStatusRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new MessageStatusRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt64(4)));
        }

        return rows;
    }

    /// <summary>Moves the conversation's last activity back, as if the shopper had been away that long.</summary>
    public async Task MoveConversationBackAsync(string tenantId, string phone, TimeSpan away)
    {
        var changed = await ExecuteAsync(
            "UPDATE conversations SET updated_at = strftime('%Y-%m-%d %H:%M:%f', updated_at, $shift) WHERE tenant_id = $tenant AND phone = $phone",
            ("$shift", $"-{(long)away.TotalSeconds} seconds"), ("$tenant", tenantId), ("$phone", phone));
        Assert.Equal(1, changed);
    }

    public async Task<long> CatalogVersionAsync(string tenantId) =>
        (long?)await ScalarAsync("SELECT version FROM catalog_versions WHERE tenant_id = $tenant", ("$tenant", tenantId)) ?? 0;

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
