using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sintestesia.BotHost.Llm;

namespace Sintestesia.BotHost.Tests.Llm;

/// <summary>The services <c>AddLlmResponder</c> registers, from in-memory settings of section <c>Llm</c>.</summary>
internal static class LlmServices
{
    public static ServiceProvider Build(ILoggerProvider logs, params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create("Llm:" + s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddProvider(logs));
        services.AddLlmResponder(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static ServiceProvider OpenAI(FakeOpenAiServer server, ILoggerProvider logs, params (string Key, string? Value)[] more) =>
        Build(logs, [("Provider", "openai"), ("Endpoint", server.BaseUrl.ToString()), ("Model", "fake-model"), ("ApiKey", "test-key"), .. more]);
}
