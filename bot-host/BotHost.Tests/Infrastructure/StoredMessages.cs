namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>A row of the <c>messages</c> table, read with plain SQL.</summary>
public sealed record MessageRow(
    long Id, string TenantId, string Direction, string Channel, string Phone, string Body, string? ProviderMessageId, long? InReplyToId);

public sealed class StoredMessages(PlainSql sql)
{
    public Task<IReadOnlyList<MessageRow>> ForPhoneAsync(string phone) => sql.QueryAsync("""
        SELECT id, tenant_id, direction, channel, phone, body, provider_message_id, in_reply_to_id
        FROM messages WHERE phone = @phone ORDER BY id
        """,
        r => new MessageRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
            r.TextOrNull(6), r.NumberOrNull(7)),
        ("@phone", phone));

    public Task<IReadOnlyList<string>> ProductNamesAsync(string tenantId) =>
        sql.QueryAsync("SELECT name FROM products WHERE client_id = @id", r => r.GetString(0), ("@id", tenantId));
}
