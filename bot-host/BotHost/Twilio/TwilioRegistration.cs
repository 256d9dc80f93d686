using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Sintestesia.BotHost.Webhooks;

namespace Sintestesia.BotHost.Twilio;

internal static class TwilioRegistration
{
    /// <summary>
    /// Section <c>Twilio</c>, the REST client (retries with exponential backoff on 5xx, 408, 429 and timeouts, each try
    /// bounded), the reply budget and the outbox that sends late answers and proactive messages.
    /// </summary>
    public static IServiceCollection AddTwilioMessaging(this IServiceCollection services)
    {
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddTransient<TwilioApiBaseHandler>();
        services.AddHttpClient(TwilioSender.HttpClientName)
            // The resilience pipeline below bounds every try and the retries; the client's own 100 s cap would cut it short.
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<TwilioApiBaseHandler>()
            .AddResilienceHandler("twilio-rest", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<TwilioOptions>>().Value;
                if (options.MaxAttempts > 1)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxAttempts - 1,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds),
                        MaxDelay = TimeSpan.FromSeconds(30),
                    });
                }

                pipeline.AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds));
            });

        services.AddSingleton<TwilioOutbox>();
        services.AddSingleton<TwilioSender>();
        services.AddScoped<TwilioStatusUpdates>();
        services.AddScoped<WhatsAppWindow>();
        // Hosted services stop in reverse order: replies still being worked out are queued before the outbox closes.
        services.AddHostedService<TwilioOutboxWorker>();
        services.AddSingleton<TwilioReplies>();
        services.AddHostedService(sp => sp.GetRequiredService<TwilioReplies>());
        return services;
    }

    /// <summary><c>POST /bot/twilio/status</c> (Twilio's callbacks) and <c>POST /outbound/messages</c> (ops, through the gateway).</summary>
    public static IEndpointRouteBuilder MapTwilioMessaging(this IEndpointRouteBuilder app)
    {
        app.MapTwilioStatusCallback();
        app.MapOutboundMessages();
        return app;
    }
}
