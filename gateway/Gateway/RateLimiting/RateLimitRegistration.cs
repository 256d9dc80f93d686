using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sintestesia.Gateway.RateLimiting;

internal static class RateLimitRegistration
{
    /// <summary>
    /// Per-tenant webhook limits for the proxy pipeline (<see cref="TenantRateLimits.InvokeAsync"/> after tenant resolution);
    /// a bad <c>Gateway:RateLimit</c> setting stops the gateway at start. When limits are shared, a background sync
    /// exchanges counts with the other gateways through the database.
    /// </summary>
    public static IServiceCollection AddTenantRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RefusalWarnings>();
        services.TryAddKeyedSingleton<TimeProvider>(SharedUsage.ClockKey, static (provider, _) => provider.GetRequiredService<TimeProvider>());
        services.AddSingleton<SharedUsage>();
        services.AddSingleton<UsageTable>();
        services.AddHostedService<SharedUsageSync>();
        services.AddSingleton<TenantRateLimits>();
        return services;
    }
}
