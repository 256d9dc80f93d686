using Microsoft.Data.Sqlite;

namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>A row of the <c>messages</c> table, read with plain SQL.</summary>
public sealed record MessageRow(
    long Id, string TenantId, string Direction, string Channel, string Phone, string Body, string? ProviderMessageId, long? InReplyToId);

public sealed class StoredMessages(string connectionString)
{
    public async Task<IReadOnlyList<MessageRow>> ForPhoneAsync(string phone)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, tenant_id, direction, channel, phone, body, provider_message_id, in_reply_to_id
            FROM messages WHERE phone = $phone ORDER BY id
            """;
        command.Parameters.AddWithValue("$phone", phone);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<MessageRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new MessageRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetInt64(7)));
        }

        return rows;
    }

    public async Task<IReadOnlyList<string>> ProductNamesAsync(string tenantId)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM products WHERE client_id = $id";
        command.Parameters.AddWithValue("$id", tenantId);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
