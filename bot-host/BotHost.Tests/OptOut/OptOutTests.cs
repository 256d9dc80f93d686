using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.OptOut;

/// <summary>STOP/BAJA/CANCELAR opt a phone out (confirmed once, then silence); START/ALTA opt it back in.</summary>
public abstract class OptOutTests(BotHostFixture host)
{
    [Theory]
    [InlineData("BAJA")]
    [InlineData("STOP")]
    [InlineData("CANCELAR")]
    [InlineData("baja")]
    [InlineData("Stop")]
    public async Task AnOptOutWordIsConfirmedOnceAndThenNothingIsAnswered(string word)
    {
        var phone = Shoppers.NewPhone();

        var confirmation = await host.SayAsync(DemoShops.AcmeId, phone, word);
        var afterwards = new List<JsonAnswer>();
        foreach (var message in new[] { "hola", "northern lights", word, "quiero hablar con una persona" })
        {
            afterwards.Add(await host.SayAsync(DemoShops.AcmeId, phone, message));
        }

        Assert.Equal("opt_out", confirmation.Intent);
        Assert.Contains("no te enviaremos más mensajes de ACME Cannabis Store", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("ALTA", confirmation.Text, StringComparison.Ordinal);
        Assert.All(afterwards, a => Assert.Equal(new JsonAnswer("", "silent"), a));
        Assert.True((await host.Sql.ConversationAsync(DemoShops.AcmeId, phone))?.OptedOut);
        var outbound = (await host.Sql.MessagesAsync(DemoShops.AcmeId, phone)).Where(r => r.Direction == "outbound").ToList();
        Assert.Equal(["sent", "suppressed", "suppressed", "suppressed", "suppressed"], outbound.Select(r => r.Status));
    }

    [Theory]
    [InlineData("BAJA", "ALTA")]
    [InlineData("STOP", "START")]
    [InlineData("cancelar", "alta")]
    public async Task AnOptInWordWelcomesBackAndAnswersResume(string optOut, string optIn)
    {
        var phone = Shoppers.NewPhone();
        await host.SayAsync(DemoShops.AcmeId, phone, optOut);
        Assert.Equal("", (await host.SayAsync(DemoShops.AcmeId, phone, "hola")).Text);

        var welcome = await host.SayAsync(DemoShops.AcmeId, phone, optIn);
        var answer = await host.SayAsync(DemoShops.AcmeId, phone, "northern lights");

        Assert.Equal("opt_in", welcome.Intent);
        Assert.Contains("de vuelta", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("ACME Cannabis Store", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("*Northern Lights*: $19.990", answer.Text, StringComparison.Ordinal);
        Assert.False((await host.Sql.ConversationAsync(DemoShops.AcmeId, phone))?.OptedOut);
    }

    [Fact]
    public async Task AnOptInWordFromAPhoneThatNeverOptedOutIsNotTreatedAsAWelcomeBack()
    {
        var answer = await host.SayAsync(DemoShops.AcmeId, Shoppers.NewPhone(), "ALTA");

        Assert.NotEqual("opt_in", answer.Intent);
        Assert.DoesNotContain("de vuelta", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnTwilioAnOptOutIsConfirmedAndThenAnsweredWithAnEmptyResponse()
    {
        var phone = Shoppers.NewPhone();

        var confirmation = await host.SayToAcmeOnTwilioAsync(phone, "STOP");
        var hello = await host.SayToAcmeOnTwilioAsync(phone, "hola");
        var welcome = await host.SayToAcmeOnTwilioAsync(phone, "START");

        Assert.Contains("no te enviaremos más mensajes", confirmation, StringComparison.Ordinal);
        Assert.Null(hello);
        Assert.Contains("de vuelta", welcome, StringComparison.Ordinal);
        Assert.Equal(6, (await host.Sql.MessagesAsync(DemoShops.AcmeId, phone)).Count);
    }

    [Fact]
    public async Task AWordContainingAnOptOutKeywordDoesNotOptOut()
    {
        var phone = Shoppers.NewPhone();

        var answer = await host.SayAsync(DemoShops.AcmeId, phone, "quiero cancelar mi pedido de northern lights");

        Assert.NotEqual("opt_out", answer.Intent);
        Assert.False((await host.Sql.ConversationAsync(DemoShops.AcmeId, phone))?.OptedOut);
    }
}

[Collection(OneBotHostOnSqlite.Name)]
public sealed class OptOutOnSqliteTests(BotHostOnSqlite host) : OptOutTests(host);

[Collection(OneBotHostOnPostgres.Name)]
public sealed class OptOutOnPostgresTests(BotHostOnPostgres host) : OptOutTests(host);
