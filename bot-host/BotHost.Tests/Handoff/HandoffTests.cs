using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Handoff;

/// <summary>A shopper who asks for a person gets one: the bot stays quiet, still storing everything, until ops release it.</summary>
public abstract class HandoffTests(BotHostFixture host)
{
    private const string AskForPerson = "quiero hablar con una persona";

    [Fact]
    public async Task AskingForAPersonSaysOneWillReplyAndMarksTheConversation()
    {
        var phone = Shoppers.NewPhone();

        var answer = await host.SayAsync(DemoShops.AcmeId, phone, AskForPerson);

        Assert.Equal("handoff", answer.Intent);
        Assert.Contains("una persona del equipo de ACME Cannabis Store", answer.Text, StringComparison.Ordinal);
        Assert.Contains("te responda", answer.Text, StringComparison.Ordinal);
        Assert.True((await host.Sql.ConversationAsync(DemoShops.AcmeId, phone))?.Handoff);
    }

    [Theory]
    [InlineData("humano")]
    [InlineData("necesito hablar con un ejecutivo")]
    [InlineData("me puedes pasar con alguien, quiero hablar con una persona")]
    public async Task OtherWaysOfAskingForAPersonAlsoHandOff(string message)
    {
        var phone = Shoppers.NewPhone();

        Assert.Equal("handoff", (await host.SayAsync(DemoShops.AcmeId, phone, message)).Intent);
        Assert.True((await host.Sql.ConversationAsync(DemoShops.AcmeId, phone))?.Handoff);
    }

    [Fact]
    public async Task AfterAHandoffJsonMessagesGetNoAnswerButAreStored()
    {
        var phone = Shoppers.NewPhone();
        await host.SayAsync(DemoShops.AcmeId, phone, AskForPerson);

        string[] next = ["northern lights", "hola", "y cuánto cuesta?"];
        foreach (var message in next)
        {
            Assert.Equal(new JsonAnswer("", "silent"), await host.SayAsync(DemoShops.AcmeId, phone, message));
        }

        var rows = await host.Sql.MessagesAsync(DemoShops.AcmeId, phone);
        AssertQuietAnswers(rows.Skip(2).ToList(), next);
        Assert.True((await host.Sql.ConversationAsync(DemoShops.AcmeId, phone))?.Handoff);
    }

    [Fact]
    public async Task AfterAHandoffTwilioGetsAnEmptyResponseAndTheMessageIsStored()
    {
        var phone = Shoppers.NewPhone();
        Assert.Contains("una persona", await host.SayToAcmeOnTwilioAsync(phone, "humano"), StringComparison.Ordinal);

        Assert.Null(await host.SayToAcmeOnTwilioAsync(phone, "northern lights"));

        var rows = await host.Sql.MessagesAsync(DemoShops.AcmeId, phone);
        AssertQuietAnswers(rows.Skip(2).ToList(), ["northern lights"]);
    }

    [Fact]
    public async Task AfterOpsReleaseTheConversationTheBotAnswersAgain()
    {
        var phone = Shoppers.NewPhone();
        await host.SayAsync(DemoShops.AcmeId, phone, AskForPerson);
        Assert.Equal("", (await host.SayAsync(DemoShops.AcmeId, phone, "northern lights")).Text);

        var released = await host.Sql.ExecuteAsync(
            "UPDATE conversations SET handoff = false WHERE tenant_id = @tenant AND phone = @phone", ("@tenant", DemoShops.AcmeId), ("@phone", phone));
        var answer = await host.SayAsync(DemoShops.AcmeId, phone, "northern lights");

        Assert.Equal(1, released);
        Assert.Equal("product", answer.Intent);
        Assert.Contains("*Northern Lights*: $19.990", answer.Text, StringComparison.Ordinal);
        Assert.Equal("sent", (await host.Sql.MessagesAsync(DemoShops.AcmeId, phone))[^1].Status);
    }

    [Fact]
    public async Task AHandoffAtOneShopLeavesTheSamePhoneAnsweredAtAnother()
    {
        var phone = Shoppers.NewPhone();
        await host.SayAsync(DemoShops.AcmeId, phone, AskForPerson);

        var atBravo = await host.SayAsync(DemoShops.BravoId, phone, "playstation 5");

        Assert.Contains("$549.990", atBravo.Text, StringComparison.Ordinal);
    }

    /// <summary>Each quiet turn is an inbound row with the shopper's text and an empty outbound row marked suppressed.</summary>
    private static void AssertQuietAnswers(List<MessageStatusRow> rows, string[] inboundTexts)
    {
        Assert.Equal(inboundTexts.Length * 2, rows.Count);
        for (var i = 0; i < inboundTexts.Length; i++)
        {
            var (inbound, outbound) = (rows[2 * i], rows[(2 * i) + 1]);
            Assert.Equal(("inbound", inboundTexts[i]), (inbound.Direction, inbound.Body));
            Assert.Equal(new MessageStatusRow(outbound.Id, "outbound", "", "suppressed", inbound.Id), outbound);
        }
    }
}

[Collection(OneBotHostOnSqlite.Name)]
public sealed class HandoffOnSqliteTests(BotHostOnSqlite host) : HandoffTests(host);

[Collection(OneBotHostOnPostgres.Name)]
public sealed class HandoffOnPostgresTests(BotHostOnPostgres host) : HandoffTests(host);
