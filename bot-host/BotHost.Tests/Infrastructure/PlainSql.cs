using System.Data.Common;
using System.Globalization;

namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>A row of the <c>conversations</c> table.</summary>
public sealed record ConversationRow(bool Handoff, bool OptedOut);

/// <summary>A message row with its delivery status (<c>sent</c>, <c>suppressed</c>, or null for inbound).</summary>
public sealed record MessageStatusRow(long Id, string Direction, string Body, string? Status, long? InReplyToId);

/// <summary>
/// Changes and reads the database with plain SQL on its own connection, as ops or another tool would: nothing
/// goes through the bot host's EF model, so the bot host must notice the change by itself. Parameters are named
/// <c>@name</c>, which SQLite and PostgreSQL both understand.
/// </summary>
public sealed class PlainSql(TestDatabase database)
{
    /// <returns>The number of rows changed.</returns>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>Every row the query returns, each made by <paramref name="read"/>.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var connection = await database.OpenConnectionAsync();
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public async Task<ConversationRow?> ConversationAsync(string tenantId, string phone) =>
        (await QueryAsync("SELECT handoff, opted_out FROM conversations WHERE tenant_id = @tenant AND phone = @phone",
            r => new ConversationRow(r.GetBoolean(0), r.GetBoolean(1)), ("@tenant", tenantId), ("@phone", phone))).SingleOrDefault();

    public Task<IReadOnlyList<MessageStatusRow>> MessagesAsync(string tenantId, string phone) => QueryAsync(
        "SELECT id, direction, body, status, in_reply_to_id FROM messages WHERE tenant_id = @tenant AND phone = @phone ORDER BY id",
        r => new MessageStatusRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.TextOrNull(3), r.NumberOrNull(4)),
        ("@tenant", tenantId), ("@phone", phone));

    /// <summary>Moves the conversation's last activity back, as if the shopper had been away that long.</summary>
    public async Task MoveConversationBackAsync(string tenantId, string phone, TimeSpan away) =>
        Assert.Equal(1, await MoveBackAsync("conversations", "updated_at", tenantId, phone, away));

    /// <summary>Moves every message between the shop and the shopper back, as if sent that long ago.</summary>
    public Task<int> MoveMessagesBackAsync(string tenantId, string phone, TimeSpan ago) =>
        MoveBackAsync("messages", "created_at", tenantId, phone, ago);

    public async Task<long> CatalogVersionAsync(string tenantId) => Convert.ToInt64(
        await ScalarAsync("SELECT version FROM catalog_versions WHERE tenant_id = @tenant", ("@tenant", tenantId)) ?? 0L, CultureInfo.InvariantCulture);

    private Task<int> MoveBackAsync(string table, string column, string tenantId, string phone, TimeSpan by) => ExecuteAsync(
        $"UPDATE {table} SET {column} = {database.SecondsEarlier(column, "@seconds")} WHERE tenant_id = @tenant AND phone = @phone",
        ("@seconds", (long)by.TotalSeconds), ("@tenant", tenantId), ("@phone", phone));

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}

/// <summary>Reading nullable text columns the same on both providers.</summary>
public static class DataReaderColumns
{
    public static string? TextOrNull(this DbDataReader reader, int column)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(column) ? null : reader.GetString(column);
    }

    public static long? NumberOrNull(this DbDataReader reader, int column)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(column) ? null : reader.GetInt64(column);
    }
}
