using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Sintestesia.BotHost.Llm;

internal static class LlmRegistration
{
    /// <summary>
    /// Registers <see cref="ILlmResponder"/> from section <c>Llm</c>. With provider <c>none</c> no chat client is
    /// registered at all, so nothing can reach the network.
    /// </summary>
    public static IServiceCollection AddLlmResponder(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        if (LlmProviders.IsNone(configuration.GetSection(LlmOptions.Section)[nameof(LlmOptions.Provider)]))
        {
            services.AddSingleton<ILlmResponder, NoLlmResponder>();
            return services;
        }

        services.AddChatClient(sp => ProviderChatClient.Create(sp.GetRequiredService<IOptions<LlmOptions>>().Value));
        services.AddSingleton<ILlmResponder, ChatLlmResponder>();
        return services;
    }
}
