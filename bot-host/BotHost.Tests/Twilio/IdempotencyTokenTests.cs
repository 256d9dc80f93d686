using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Twilio;

/// <summary><c>I-Twilio-Idempotency-Token</c> marks a redelivery just as the <c>MessageSid</c> does.</summary>
public abstract class IdempotencyTokenTests(BotHostFixture host)
{
    [Fact]
    public async Task ARepeatedIdempotencyTokenGetsTheStoredAnswerAndIsNotProcessedAgain()
    {
        var phone = Shoppers.NewPhone();
        var token = "ac3f9a1c-" + Guid.NewGuid().ToString("N");
        var first = await host.SayToAcmeOnTwilioAsync(phone, Shoppers.TwilioForm(phone, "northern lights"), token);
        var again = await host.SayToAcmeOnTwilioAsync(phone, Shoppers.TwilioForm(phone, "northern lights"), token);

        Assert.Contains("Northern Lights", first, StringComparison.Ordinal);
        Assert.Equal(first, again);
        var rows = await host.RowsAsync(DemoShops.AcmeId, phone);
        Assert.Equal(2, rows.Count);
        Assert.Equal(token, Assert.Single(rows, r => r.Direction == "inbound").IdempotencyKey);
    }

    [Fact]
    public async Task DifferentTokensAreDifferentMessages()
    {
        var phone = Shoppers.NewPhone();
        await host.SayToAcmeOnTwilioAsync(phone, Shoppers.TwilioForm(phone, "northern lights"), "token-a-" + Guid.NewGuid().ToString("N"));
        await host.SayToAcmeOnTwilioAsync(phone, Shoppers.TwilioForm(phone, "white widow"), "token-b-" + Guid.NewGuid().ToString("N"));

        Assert.Equal(4, (await host.RowsAsync(DemoShops.AcmeId, phone)).Count);
    }
}

[Collection(OneBotHostOnSqlite.Name)]
public sealed class IdempotencyTokenOnSqliteTests(BotHostOnSqlite host) : IdempotencyTokenTests(host);

[Collection(OneBotHostOnPostgres.Name)]
public sealed class IdempotencyTokenOnPostgresTests(BotHostOnPostgres host) : IdempotencyTokenTests(host);
