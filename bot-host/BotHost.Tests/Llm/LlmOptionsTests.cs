using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OllamaSharp;
using Sintestesia.BotHost.Llm;

namespace Sintestesia.BotHost.Tests.Llm;

public sealed class LlmOptionsTests : IDisposable
{
    private readonly RecordingLoggerProvider _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public void WithoutASectionTheProviderIsNoneWithTheDocumentedDefaults()
    {
        using var services = LlmServices.Build(_logs);

        var options = services.GetRequiredService<IOptions<LlmOptions>>().Value;
        Assert.Equal("none", options.Provider);
        Assert.Equal(8, options.TimeoutSeconds);
        Assert.Equal(8, options.MaxRetrievedProducts);
        Assert.IsType<NoLlmResponder>(services.GetRequiredService<ILlmResponder>());
    }

    [Fact]
    public void OpenAIWithoutAModelFailsWithASentence()
    {
        using var services = LlmServices.Build(_logs, ("Provider", "openai"), ("Endpoint", "https://api.openai.com/v1"));

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LlmOptions>>().Value);
        Assert.Contains("Llm:Model must name the model to ask when Llm:Provider is openai.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEndpointThatIsNotAnHttpUrlFailsWithASentence()
    {
        using var services = LlmServices.Build(_logs, ("Provider", "ollama"), ("Endpoint", "localhost:11434"), ("Model", "llama3.2"));

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LlmOptions>>().Value);
        Assert.Contains("Llm:Endpoint must be an absolute http or https URL when Llm:Provider is ollama, but it is 'localhost:11434'.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownProviderFailsWithASentence()
    {
        using var services = LlmServices.Build(_logs, ("Provider", "gemini"));

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LlmOptions>>().Value);
        Assert.Contains("Llm:Provider must be none, openai or ollama, but it is 'gemini'.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATimeoutOutOfRangeFailsWithASentence()
    {
        using var services = LlmServices.Build(_logs, ("TimeoutSeconds", "0"));

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LlmOptions>>().Value);
        Assert.Contains("Llm:TimeoutSeconds must be between 1 and 120 seconds.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OllamaIsAskedThroughOllamaSharp()
    {
        using var services = LlmServices.Build(_logs, ("Provider", "Ollama"), ("Endpoint", "http://127.0.0.1:11434"), ("Model", "llama3.2"));

        var client = services.GetRequiredService<IChatClient>();
        Assert.IsType<OllamaApiClient>(client.GetService(typeof(OllamaApiClient)));
        Assert.IsType<ChatLlmResponder>(services.GetRequiredService<ILlmResponder>());
    }
}
