using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Sintestesia.Gateway.Configuration;

namespace Sintestesia.Gateway.FastPath;

internal static class FastLaneRegistration
{
    public static IServiceCollection AddFastLane(this IServiceCollection services)
    {
        services.AddSingleton(provider => new FastAnswers(
            provider.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<BotHostForwarder>();
        services.AddSingleton<FastLane>();
        return services;
    }

    /// <summary>Puts the fast path in front of a public listener's HTTP server, unless it is off or the listener forwards nothing.</summary>
    public static void UseFastLane(this ListenOptions listen, GatewayOptions options, bool https, bool forwards)
    {
        if (!options.FastPath || !forwards)
        {
            return;
        }

        FastLane? lane = null;
        listen.Use(next => connection => (lane ??= listen.ApplicationServices.GetRequiredService<FastLane>()).RunAsync(connection, next, https));
    }
}
