using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog;
using Sintestesia.BotHost.Conversation;
using Sintestesia.BotHost.Llm;
using Sintestesia.BotHost.Meta;
using Sintestesia.BotHost.Security;
using Sintestesia.BotHost.Twilio;
using Sintestesia.BotHost.Webhooks;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Hosting;
using Sintestesia.TenantConfig.Proof;
using Sintestesia.TenantConfig.Secrets;

namespace Sintestesia.BotHost;

/// <summary>Builds a bot host; tests call this to run it on a real loopback port.</summary>
public static class BotHostApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.AddServiceLogging("bot-host");
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = builder.Configuration.GetValue(BotHostOptions.Section + ":MaxBodyBytes", 64 * 1024);
        });
        builder.Services.AddOptions<BotHostOptions>().BindConfiguration(BotHostOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // TryAdd: a host (or a test) that brings its own clock keeps it.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddTenantDatabase(builder.Configuration);
        builder.Services.AddSecretProtector(builder.Configuration);
        builder.Services.AddGatewayProof(builder.Configuration);
        builder.Services.AddConversation();
        builder.Services.AddLlmResponder(builder.Configuration);
        builder.Services.AddMetaChannel();
        builder.Services.AddTwilioMessaging();

        var app = builder.Build();
        app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = "{RequestMethod} {RequestPath} → {StatusCode} in {Elapsed:0.0} ms · tenant {TenantId}";
            // This host's own logger; the middleware's default, the static one, is silent (see AddServiceLogging).
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.EnrichDiagnosticContext = (d, ctx) => d.Set("TenantId", ctx.ForwardedTenant()?.TenantId ?? "-");
        });
        app.UseJsonExceptionHandler("The bot failed to answer; the error has been logged.");
        app.UseJsonStatusPages();
        app.UseGatewayProof();

        app.MapGet("/healthz", () => TypedResults.Text("ok"));
        app.MapJsonWebhook();
        app.MapTwilioWebhook();
        app.MapMetaWebhook();
        app.MapTwilioMessaging();
        return app;
    }
}
