using System.Net;
using Microsoft.AspNetCore.Http;
using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Meta;

/// <summary>What happens to a reply after it is written: retries, refusals, and Meta's status updates.</summary>
public abstract class MetaDeliveryTests(MetaBotHostFixture meta)
{
    private BotHostFixture Host => meta.Host;

    [Fact]
    public async Task AReplyRefusedWithA500IsRetriedAndSent()
    {
        var waId = MetaPayloads.NewWaId();
        meta.Graph.FailNext(StatusCodes.Status500InternalServerError);

        await SendAsync(MetaShops.Bravo, MetaPayloads.Text(MetaShops.Bravo, waId, "playstation 5"));

        var attempts = await meta.Graph.WaitForAsync(waId, 2);
        Assert.Equal([500, 200], attempts.Select(a => a.Status));
        Assert.Equal(attempts[0].Body, attempts[1].Body);
        Assert.Equal($"Bearer {MetaShops.Bravo.AccessToken}", attempts[1].Authorization);
        var reply = (await MetaRows.SettledAsync(Host, "+" + waId))[^1];
        Assert.Equal(("sent", attempts[1].Wamid), (reply.Status, reply.ProviderMessageId));
    }

    [Fact]
    public async Task AReplyThatKeepsFailingIsStoredAsFailedAfterThreeAttempts()
    {
        var waId = MetaPayloads.NewWaId();
        meta.Graph.FailNext(StatusCodes.Status503ServiceUnavailable, times: 3);

        await SendAsync(MetaShops.Bravo, MetaPayloads.Text(MetaShops.Bravo, waId, "xbox"));

        var reply = (await MetaRows.SettledAsync(Host, "+" + waId))[^1];
        Assert.Equal("failed", reply.Status);
        Assert.Contains("503", reply.Error, StringComparison.Ordinal);
        Assert.Equal(3, meta.Graph.To(waId).Count);
    }

    [Fact]
    public async Task AReplyRefusedWithA400IsNotRetried()
    {
        var waId = MetaPayloads.NewWaId();
        meta.Graph.FailNext(StatusCodes.Status400BadRequest);

        await SendAsync(MetaShops.Bravo, MetaPayloads.Text(MetaShops.Bravo, waId, "nintendo switch"));

        var reply = (await MetaRows.SettledAsync(Host, "+" + waId))[^1];
        Assert.Equal("failed", reply.Status);
        Assert.Contains("Scripted failure", reply.Error, StringComparison.Ordinal);
        Assert.Single(meta.Graph.To(waId));
        Assert.DoesNotContain(MetaShops.Bravo.AccessToken, reply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStatusOnlyNotificationIsAcceptedAndAnswersNothing()
    {
        var waId = MetaPayloads.NewWaId();

        await SendAsync(MetaShops.Acme, MetaPayloads.Status(MetaShops.Acme, MetaPayloads.NewWamid(), "delivered", waId));

        // A later message of someone else is answered; the status was queued before it and sent nothing.
        var other = MetaPayloads.NewWaId();
        await SendAsync(MetaShops.Acme, MetaPayloads.Text(MetaShops.Acme, other, "hola"));
        await meta.Graph.WaitForAsync(other);
        Assert.Empty(meta.Graph.To(waId));
        Assert.Empty(await MetaRows.ForAsync(Host, "+" + waId));
    }

    [Fact]
    public async Task DeliveryAndReadUpdatesMoveTheStoredReplyForwardOnly()
    {
        var waId = MetaPayloads.NewWaId();
        await SendAsync(MetaShops.Acme, MetaPayloads.Text(MetaShops.Acme, waId, "blue dream"));
        var wamid = Assert.Single(await meta.Graph.WaitForAsync(waId)).Wamid!;
        await MetaRows.SettledAsync(Host, "+" + waId);

        await SendAsync(MetaShops.Acme, MetaPayloads.Status(MetaShops.Acme, wamid, "read", waId));
        await WaitForStatusAsync(waId, "read");
        await SendAsync(MetaShops.Acme, MetaPayloads.Status(MetaShops.Acme, wamid, "delivered", waId));
        await SendAsync(MetaShops.Acme, MetaPayloads.Status(MetaShops.Bravo, wamid, "failed", waId));

        // Status updates are handled in arrival order: once a later one has landed, the late ones were handled too.
        await SendAsync(MetaShops.Acme, MetaPayloads.Text(MetaShops.Acme, waId, "gracias"));
        var marker = (await meta.Graph.WaitForAsync(waId, 2))[1].Wamid!;
        await MetaRows.SettledAsync(Host, "+" + waId, replies: 2);
        await SendAsync(MetaShops.Acme, MetaPayloads.Status(MetaShops.Acme, marker, "delivered", waId));
        await WaitForRowStatusAsync(waId, marker, "delivered");
        Assert.Equal("read", (await MetaRows.ForAsync(Host, "+" + waId)).Single(r => r.ProviderMessageId == wamid).Status);
    }

    /// <summary>
    /// Found on PostgreSQL, which enforces the column's 1,000 characters: SQLite stored the whole error, PostgreSQL
    /// refused the update and the reply stayed <c>sent</c>.
    /// </summary>
    [Fact]
    public async Task AFailureWithAnErrorLongerThanTheColumnIsStoredShortened()
    {
        var waId = MetaPayloads.NewWaId();
        await SendAsync(MetaShops.Acme, MetaPayloads.Text(MetaShops.Acme, waId, "blue dream"));
        var wamid = Assert.Single(await meta.Graph.WaitForAsync(waId)).Wamid!;
        await MetaRows.SettledAsync(Host, "+" + waId);

        await SendAsync(MetaShops.Acme, MetaPayloads.FailedStatus(MetaShops.Acme, wamid, waId, "Re-engagement message " + new string('x', 1500)));

        await WaitForRowStatusAsync(waId, wamid, "failed");
        var error = (await MetaRows.ForAsync(Host, "+" + waId)).Single(r => r.ProviderMessageId == wamid).Error;
        Assert.StartsWith("Re-engagement message xxx", error, StringComparison.Ordinal);
        Assert.Equal(1000, error!.Length);
    }

    private async Task WaitForRowStatusAsync(string waId, string wamid, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await MetaRows.ForAsync(Host, "+" + waId)).Single(r => r.ProviderMessageId == wamid).Status != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The reply {wamid} never became '{status}'.");
            await Task.Delay(20);
        }
    }

    private async Task WaitForStatusAsync(string waId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await MetaRows.ForAsync(Host, "+" + waId))[^1].Status != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The reply to {waId} never became '{status}'.");
            await Task.Delay(20);
        }
    }

    private async Task SendAsync(MetaShop shop, string json)
    {
        using var request = Host.Gateway.SignedNotification(shop, json);
        using var response = await Host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

[Collection(OneMetaBotHostOnSqlite.Name)]
public sealed class MetaDeliveryOnSqliteTests(MetaBotHostOnSqlite meta) : MetaDeliveryTests(meta);

[Collection(OneMetaBotHostOnPostgres.Name)]
public sealed class MetaDeliveryOnPostgresTests(MetaBotHostOnPostgres meta) : MetaDeliveryTests(meta);
