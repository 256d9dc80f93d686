using Microsoft.Extensions.DependencyInjection.Extensions;
using Sintestesia.Gateway.Certificates;
using Sintestesia.Gateway.FastPath;
using Sintestesia.Gateway.Http;
using Sintestesia.Gateway.Listeners;
using Sintestesia.Gateway.Proxy;
using Sintestesia.Gateway.RateLimiting;
using Sintestesia.Gateway.Tenants;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantConfig.Proof;
using Sintestesia.TenantConfig.Secrets;

namespace Sintestesia.Gateway.Configuration;

internal static class GatewayRegistration
{
    public static void AddGatewayListeners(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            // Webhook senders send their headers at once; a client trickling them (slowloris) is cut after 10 s, not 30.
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            // Plain HTTP that only redirects to HTTPS (and answers ACME challenges) has nothing for the fast path.
            var publicHttpForwards = string.IsNullOrWhiteSpace(options.HttpsUrl) || builder.Environment.IsDevelopment();
            kestrel.Listen(options.PublicUrl, ListenerKind.Public, listen => listen.UseFastLane(options, https: false, publicHttpForwards));
            kestrel.Listen(options.InternalUrl, ListenerKind.Internal);
        });
        builder.AddHttpsListener(options);
    }

    public static void AddTenantDirectory(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddTenantDatabase(builder.Configuration);
        services.AddSecretProtector(builder.Configuration);
        services.AddSingleton<TenantSnapshotSource>();
        services.AddSingleton<TenantDirectory>();
        services.AddHostedService<TenantDirectoryRefresher>();
        if (PostgresChangeListener.Applies(builder.Configuration))
        {
            services.AddHostedService<PostgresChangeListener>();
        }

        services.AddScoped<TenantAdministration>();
        services.AddSingleton<Api.AdminToken>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, GatewayJson.Default);
        });
    }

    public static void AddBotHostProxy(this WebApplicationBuilder builder)
    {
        builder.Services.AddGatewayProof(builder.Configuration);
        builder.Services.AddSingleton<TenantResolutionStep>();
        builder.Services.AddFastLane();
        builder.Services.AddTenantRateLimits();
        builder.Services.AddReverseProxy().AddTransforms<GatewayProofTransform>();
        builder.Services.AddSingleton<Yarp.ReverseProxy.Configuration.IProxyConfigProvider, BotHostProxyConfig>();
    }

    public static void MapBotHostProxy(this WebApplication app)
    {
        var resolution = app.Services.GetRequiredService<TenantResolutionStep>();
        var rateLimits = app.Services.GetRequiredService<TenantRateLimits>();
        app.MapReverseProxy(pipeline =>
        {
            pipeline.Use(resolution.InvokeAsync);
            pipeline.Use(rateLimits.InvokeAsync);
            pipeline.Use(BotHostRetry.InvokeAsync);
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
    }

    public static void UseGatewayRequestLogging(this WebApplication app) => app.UseMiddleware<RequestLog>();
}
