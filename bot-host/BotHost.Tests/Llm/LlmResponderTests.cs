using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sintestesia.BotHost.Llm;

namespace Sintestesia.BotHost.Tests.Llm;

/// <summary>The real OpenAI client library, configured through <c>AddLlmResponder</c>, against a fake server on loopback.</summary>
public sealed class LlmResponderTests(FakeOpenAiServer server) : IClassFixture<FakeOpenAiServer>, IDisposable
{
    private readonly RecordingLoggerProvider _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task GroundedAnswerIsReturnedAsTheModelWroteIt()
    {
        const string answer = "¡Hola! La *PlayStation 5* está a $549.990 y nos quedan 8.";
        server.AnswerWith(answer);

        Assert.Equal(answer, await AskAsync(ShopQuestions.Ask("tienen ps5?")));
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("fake-model", request.Model);
        Assert.Equal("Bearer test-key", request.Authorization);
    }

    [Fact]
    public async Task PromptCarriesTheRetrievedProductsAndNoOtherProductOfTheCatalog()
    {
        server.AnswerWith("Tenemos la *PlayStation 5*.");

        await AskAsync(ShopQuestions.Ask("que consolas tienen?"));

        var prompt = string.Join("\n", Assert.Single(server.Requests).Messages.Select(m => m.Content));
        Assert.Contains("*PlayStation 5* | categoría: Consolas | precio: $549.990 | stock: 8", prompt, StringComparison.Ordinal);
        Assert.Contains("*Nintendo Switch* | categoría: Consolas | precio: $299.990 | stock: 0 (agotado)", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain(ShopQuestions.Xbox.Name, prompt, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ShopQuestions.MarioKart.Name, prompt, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("599.990", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SystemPromptComesFirstThenTheHistoryThenTheShoppersMessage()
    {
        server.AnswerWith("La *PlayStation 5* cuesta $549.990.");
        ConversationTurn[] history = [new(true, "hola"), new(false, "¡Hola! ¿Qué buscas?")];

        await AskAsync(ShopQuestions.Ask("y cuanto cuesta la ps5?", history: history));

        var messages = Assert.Single(server.Requests).Messages;
        Assert.Equal(["system", "user", "assistant", "user"], messages.Select(m => m.Role));
        Assert.Contains("Eres el asistente de ventas de la tienda Bravo Gaming", messages[0].Content, StringComparison.Ordinal);
        Assert.Contains("español de Chile", messages[0].Content, StringComparison.Ordinal);
        Assert.Equal(["hola", "¡Hola! ¿Qué buscas?", "y cuanto cuesta la ps5?"], messages.Skip(1).Select(m => m.Content));
    }

    [Fact]
    public async Task PersonaTextReachesTheSystemPrompt()
    {
        server.AnswerWith("¡Wena! La *PlayStation 5* está a $549.990.");

        await AskAsync(ShopQuestions.Ask("ps5?", persona: "Eres Pancho, gamer y muy entusiasta."));

        var system = Assert.Single(server.Requests).Messages[0];
        Assert.Equal("system", system.Role);
        Assert.Contains("Eres Pancho, gamer y muy entusiasta.", system.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyTheFirstMaxRetrievedProductsReachTheModel()
    {
        server.AnswerWith("Tenemos la *PlayStation 5*.");

        await AskAsync(ShopQuestions.Ask("consolas?"), ("MaxRetrievedProducts", "1"));

        var system = Assert.Single(server.Requests).Messages[0].Content;
        Assert.Contains(ShopQuestions.PlayStation.Name, system, StringComparison.Ordinal);
        Assert.DoesNotContain(ShopQuestions.SoldOutSwitch.Name, system, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerNamingAProductOutsideTheRetrievedListIsDiscardedAndTheReasonLoggedWithoutTheAnswer()
    {
        server.AnswerWith("Te recomiendo la *Xbox Series X*, es buenísima.");

        Assert.Null(await AskAsync(ShopQuestions.Ask("que me recomiendas?")));
        var warning = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning).Message;
        Assert.Contains("not one of the 2 retrieved products", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("Xbox", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerWithAWrongPriceIsDiscarded()
    {
        server.AnswerWith("La *PlayStation 5* está a $499.990.");

        Assert.Null(await AskAsync(ShopQuestions.Ask("cuanto cuesta la ps5?")));
    }

    [Fact]
    public async Task AnswerOfferingASoldOutProductAsAvailableIsDiscarded()
    {
        server.AnswerWith("¡Claro! La *Nintendo Switch* está a $299.990, te la guardo.");

        Assert.Null(await AskAsync(ShopQuestions.Ask("hay switch?")));
    }

    [Fact]
    public async Task SlowAnswerBeyondTheTimeoutGivesNullSoonAfterTheTimeout()
    {
        server.AnswerAfter(TimeSpan.FromSeconds(30), "La *PlayStation 5* está a $549.990.");
        var clock = Stopwatch.StartNew();

        Assert.Null(await AskAsync(ShopQuestions.Ask("ps5?"), ("TimeoutSeconds", "1")));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("within 1 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerErrorGivesNullAfterOneRequestWithoutRetries()
    {
        server.FailWith(500);

        Assert.Null(await AskAsync(ShopQuestions.Ask("ps5?")));

        Assert.Single(server.Requests);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("ClientResultException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnreachableEndpointGivesNull()
    {
        var closedPort = new Uri("http://127.0.0.1:9/v1");
        using var services = LlmServices.Build(_logs, ("Provider", "openai"), ("Endpoint", closedPort.ToString()), ("Model", "fake-model"));

        Assert.Null(await services.GetRequiredService<ILlmResponder>().TryAnswerAsync(ShopQuestions.Ask("ps5?"), CancellationToken.None));
    }

    [Fact]
    public async Task CallersOwnCancellationIsThrownRatherThanSwallowed()
    {
        server.AnswerAfter(TimeSpan.FromSeconds(30), "La *PlayStation 5* está a $549.990.");
        using var services = LlmServices.OpenAI(server, _logs);
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => services.GetRequiredService<ILlmResponder>().TryAnswerAsync(ShopQuestions.Ask("ps5?"), caller.Token));
    }

    [Fact]
    public async Task ProviderNoneAnswersNullWithoutAnyRequest()
    {
        server.AnswerWith("La *PlayStation 5* está a $549.990.");
        using var services = LlmServices.Build(_logs, ("Endpoint", server.BaseUrl.ToString()), ("Model", "fake-model"));

        Assert.Null(await services.GetRequiredService<ILlmResponder>().TryAnswerAsync(ShopQuestions.Ask("ps5?"), CancellationToken.None));

        Assert.Empty(server.Requests);
        Assert.Null(services.GetService<Microsoft.Extensions.AI.IChatClient>());
    }

    private async Task<string?> AskAsync(GroundedQuestion question, params (string Key, string? Value)[] settings)
    {
        using var services = LlmServices.OpenAI(server, _logs, settings);
        return await services.GetRequiredService<ILlmResponder>().TryAnswerAsync(question, CancellationToken.None);
    }
}
