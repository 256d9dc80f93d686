using System.Diagnostics;
using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Llm;

/// <summary>
/// The language model as a shopper meets it: through the bot host's JSON webhook, with the real OpenAI client
/// library calling a fake server. Whatever goes wrong with the model, the shopper gets the offline answer in time.
/// </summary>
public abstract class LlmThroughEngineTests(LlmBotHostFixture fixture)
{
    private const string Question = "tienen playstation 5?";
    private const string GroundedAnswer = "¡Sí! La *PlayStation 5* está a $549.990 y nos quedan 8. ¿Te la reservo?";

    private BotHostFixture Host => fixture.Host;

    private FakeOpenAiServer Model => fixture.Model;

    [Fact]
    public async Task AGroundedModelAnswerReachesTheShopperAsWritten()
    {
        Model.AnswerWith(GroundedAnswer);
        var phone = Shoppers.NewPhone();

        var answer = await Host.SayAsync(DemoShops.BravoId, phone, Question);

        Assert.Equal(GroundedAnswer, answer.Text);
        Assert.Equal("product", answer.Intent);
        var request = Assert.Single(Model.Requests);
        Assert.Equal(("/v1/chat/completions", "fake"), (request.Path, request.Model));
        Assert.Equal(GroundedAnswer, (await Host.Sql.MessagesAsync(DemoShops.BravoId, phone))[^1].Body);
    }

    [Fact]
    public async Task ThePromptCarriesOnlyThatShopsRetrievedProducts()
    {
        Model.AnswerWith(GroundedAnswer);

        await Host.SayAsync(DemoShops.BravoId, Shoppers.NewPhone(), Question);

        var prompt = string.Join("\n", Assert.Single(Model.Requests).Messages.Select(m => m.Content));
        Assert.Contains("*PlayStation 5* | categoría: Consolas | precio: $549.990 | stock: 8", prompt, StringComparison.Ordinal);
        Assert.Contains("Bravo Gaming", prompt, StringComparison.Ordinal);
        var bravo = await Host.Messages.ProductNamesAsync(DemoShops.BravoId);
        var listed = prompt.Split('\n').Where(l => l.StartsWith("- *", StringComparison.Ordinal)).Select(l => l[3..l.IndexOf('*', 3)]).ToList();
        Assert.All(listed, name => Assert.Contains(name, bravo));
        Assert.InRange(listed.Count, 1, 8);
        Assert.DoesNotContain("Mouse Gamer Logitech G502 HERO", prompt, StringComparison.Ordinal);
        foreach (var other in new[] { DemoShops.AcmeId, "mundo-canino-2024" })
        {
            foreach (var name in await Host.Messages.ProductNamesAsync(other))
            {
                Assert.DoesNotContain(name, prompt, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task AModelAnswerNamingAProductNotInTheCatalogGivesTheOfflineAnswer()
    {
        Model.AnswerWith("¡Claro! Te recomiendo la *PlayStation 6 Pro* a $899.990.");

        var answer = await Host.SayAsync(DemoShops.BravoId, Shoppers.NewPhone(), Question);

        AssertOfflinePlayStationAnswer(answer);
        Assert.Single(Model.Requests);
    }

    [Fact]
    public async Task AModelAnswerWithAnInventedPriceGivesTheOfflineAnswer()
    {
        Model.AnswerWith("La *PlayStation 5* está en oferta a $399.990.");

        AssertOfflinePlayStationAnswer(await Host.SayAsync(DemoShops.BravoId, Shoppers.NewPhone(), Question));
    }

    [Fact]
    public async Task AServerErrorGivesTheOfflineAnswer()
    {
        Model.FailWith(500);

        var answer = await Host.SayAsync(DemoShops.BravoId, Shoppers.NewPhone(), Question);

        AssertOfflinePlayStationAnswer(answer);
        Assert.Single(Model.Requests);
    }

    [Fact]
    public async Task AModelSlowerThanTheTimeoutGivesTheOfflineAnswerWithinAFewSeconds()
    {
        Model.AnswerAfter(TimeSpan.FromSeconds(30), GroundedAnswer);
        var clock = Stopwatch.StartNew();

        var answer = await Host.SayAsync(DemoShops.BravoId, Shoppers.NewPhone(), Question);

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(LlmBotHostFixture.TimeoutSeconds * 0.9), TimeSpan.FromSeconds(10));
        AssertOfflinePlayStationAnswer(answer);
        Assert.Single(Model.Requests);
    }

    [Fact]
    public async Task AShopWithTheModelOffNeverCallsIt()
    {
        Model.AnswerWith("La *Northern Lights* está a $19.990.");

        var answer = await Host.SayAsync(DemoShops.AcmeId, Shoppers.NewPhone(), "tienen northern lights?");

        Assert.StartsWith("*Northern Lights*: $19.990", answer.Text, StringComparison.Ordinal);
        Assert.Empty(Model.Requests);
    }

    [Fact]
    public async Task SocialMessagesAreAnsweredOfflineWithoutCallingTheModel()
    {
        Model.AnswerWith(GroundedAnswer);
        var phone = Shoppers.NewPhone();

        var hello = await Host.SayAsync(DemoShops.BravoId, phone, "hola");
        var handoff = await Host.SayAsync(DemoShops.BravoId, phone, "quiero hablar con una persona");

        Assert.Equal(("greeting", "handoff"), (hello.Intent, handoff.Intent));
        Assert.Empty(Model.Requests);
    }

    [Fact]
    public async Task TheModelSeesTheConversationSoFar()
    {
        Model.AnswerWith(GroundedAnswer);
        var phone = Shoppers.NewPhone();
        await Host.SayAsync(DemoShops.BravoId, phone, "hola");

        await Host.SayAsync(DemoShops.BravoId, phone, Question);

        var messages = Assert.Single(Model.Requests).Messages;
        Assert.Equal(["system", "user", "assistant", "user"], messages.Select(m => m.Role));
        Assert.Equal("hola", messages[1].Content);
        Assert.Contains("Bravo Gaming", messages[2].Content, StringComparison.Ordinal);
        Assert.Equal(Question, messages[3].Content);
    }

    /// <summary>The offline engine's answer: the real product and its real price, none of the model's words.</summary>
    private static void AssertOfflinePlayStationAnswer(JsonAnswer answer)
    {
        Assert.StartsWith("*PlayStation 5*: $549.990", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("PlayStation 6", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("399.990", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("reservo", answer.Text, StringComparison.Ordinal);
    }
}

public sealed class LlmThroughEngineOnSqliteTests(LlmBotHostOnSqlite fixture) : LlmThroughEngineTests(fixture), IClassFixture<LlmBotHostOnSqlite>;

public sealed class LlmThroughEngineOnPostgresTests(LlmBotHostOnPostgres fixture) : LlmThroughEngineTests(fixture), IClassFixture<LlmBotHostOnPostgres>;
