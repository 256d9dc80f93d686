using Sintestesia.BotHost.Engine;
using Sintestesia.BotHost.Webhooks;

namespace Sintestesia.BotHost.Conversation;

internal static class ConversationRegistration
{
    public static IServiceCollection AddConversation(this IServiceCollection services)
    {
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddMemoryCache();
        services.AddSingleton<TenantCatalogs>();
        services.AddSingleton<ReplyEngine>();
        services.AddScoped<ConversationService>();
        services.AddScoped<TwilioSignatureCheck>();
        services.AddHostedService<DatabaseWarmUp>();
        return services;
    }
}
