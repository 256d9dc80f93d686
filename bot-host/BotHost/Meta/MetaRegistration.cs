namespace Sintestesia.BotHost.Meta;

internal static class MetaRegistration
{
    /// <summary>The WhatsApp Cloud API channel: options (checked at start), the Graph API client and the inbox workers.</summary>
    public static IServiceCollection AddMetaChannel(this IServiceCollection services)
    {
        services.AddOptions<MetaOptions>().BindConfiguration(MetaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<MetaAccounts>();
        services.AddScoped<MetaRecords>();
        services.AddScoped<MetaEventHandler>();
        services.AddHttpClient<GraphApiClient>((sp, http) =>
            http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetaOptions>>().Value.SendTimeoutSeconds));
        services.AddSingleton<MetaInbox>();
        services.AddHostedService(sp => sp.GetRequiredService<MetaInbox>());
        return services;
    }
}
