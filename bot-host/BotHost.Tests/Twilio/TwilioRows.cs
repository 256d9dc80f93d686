using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Twilio;

/// <summary>A message row with the columns outbound delivery and media use.</summary>
public sealed record DeliveryRow(
    long Id, string Direction, string Body, string? Status, string? Error, string? ProviderMessageId, string? Media, string? IdempotencyKey);

/// <summary>Reads a shopper's rows with plain SQL, and waits for a row to reach a state.</summary>
public static class TwilioRows
{
    public static Task<IReadOnlyList<DeliveryRow>> RowsAsync(this BotHostFixture host, string tenantId, string phone)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Sql.QueryAsync("""
            SELECT id, direction, body, status, error, provider_message_id, media, idempotency_key
            FROM messages WHERE tenant_id = @tenant AND phone = @phone ORDER BY id
            """,
            r => new DeliveryRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.TextOrNull(3), r.TextOrNull(4), r.TextOrNull(5),
                r.TextOrNull(6), r.TextOrNull(7)),
            ("@tenant", tenantId), ("@phone", phone));
    }

    /// <summary>The shopper's single outbound row once its status is no longer <c>queued</c> (sending happens in the background).</summary>
    public static async Task<DeliveryRow> SettledOutboundAsync(this BotHostFixture host, string tenantId, string phone)
    {
        var outbound = await host.SettledAsync(tenantId, phone, r => r.Direction == "outbound");
        Assert.Single(await host.RowsAsync(tenantId, phone), r => r.Direction == "outbound");
        return outbound;
    }

    /// <summary>The row <paramref name="which"/> picks, once it exists and is no longer <c>queued</c>.</summary>
    public static async Task<DeliveryRow> SettledAsync(this BotHostFixture host, string tenantId, string phone, Func<DeliveryRow, bool> which)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var row = (await host.RowsAsync(tenantId, phone)).SingleOrDefault(which);
            if (row is { Status: not "queued" })
            {
                return row;
            }

            Assert.False(cts.IsCancellationRequested, $"The message to {phone} did not settle: {row}.");
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }
    }
}
