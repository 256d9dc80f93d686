namespace Sintestesia.BotHost.Conversation;

internal static class ConversationRegistration
{
    public static IServiceCollection AddConversation(this IServiceCollection services)
    {
        services.AddSingleton<IReplyEngine, CatalogReplyEngine>();
        services.AddScoped<ConversationService>();
        services.AddHostedService<DatabaseWarmUp>();
        services.AddScoped<Webhooks.TwilioSignatureCheck>();
        return services;
    }
}
