using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Meta;

/// <summary>A <c>messages</c> row with what the Meta channel stores besides the text.</summary>
public sealed record MetaRow(
    string TenantId, string Direction, string Channel, string Body, string? ProviderMessageId, string? Status, string? Error, string? Media);

/// <summary>Reads the messages of a shopper with plain SQL, as ops would.</summary>
public static class MetaRows
{
    public static Task<IReadOnlyList<MetaRow>> ForAsync(BotHostFixture host, string phone)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Sql.QueryAsync("""
            SELECT tenant_id, direction, channel, body, provider_message_id, status, error, media
            FROM messages WHERE phone = @phone ORDER BY id
            """,
            r => new MetaRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.TextOrNull(4), r.TextOrNull(5), r.TextOrNull(6),
                r.TextOrNull(7)),
            ("@phone", phone));
    }

    /// <summary>Waits until the shopper's latest reply has left the queue (sent, failed or suppressed).</summary>
    public static async Task<IReadOnlyList<MetaRow>> SettledAsync(BotHostFixture host, string phone, int replies = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var rows = await ForAsync(host, phone);
            var outbound = rows.Where(r => r.Direction == "outbound").ToList();
            if (outbound.Count >= replies && outbound.All(r => r.Status is not ("queued" or null)))
            {
                return rows;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{outbound.Count} of {replies} replies to {phone} settled in time.");
            await Task.Delay(20);
        }
    }
}
