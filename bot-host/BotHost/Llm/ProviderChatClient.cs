using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace Sintestesia.BotHost.Llm;

/// <summary>The <see cref="IChatClient"/> of the configured provider.</summary>
internal static class ProviderChatClient
{
    public static IChatClient Create(LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = new Uri(options.Endpoint!);
        var model = options.Model!;
        if (LlmProviders.Is(options.Provider, LlmProviders.Ollama))
        {
            return new OllamaApiClient(endpoint, model);
        }

        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? "unused" : options.ApiKey;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            // The SDK retries failures three times with back-off by default; a shopper is better served by the
            // offline answer now than by a model answer after the retries have used up the whole timeout.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        return new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(model).AsIChatClient();
    }
}
