using Sintestesia.Gateway.Api;
using Sintestesia.Gateway.Configuration;
using Sintestesia.Gateway.Listeners;
using Sintestesia.TenantConfig.Hosting;

namespace Sintestesia.Gateway;

/// <summary>Builds the gateway; tests call this to run it on real loopback ports.</summary>
public static class GatewayApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.AddServiceLogging("gateway", requestDiagnostics: false);
        builder.AddGatewayListeners();
        builder.AddTenantDirectory();
        builder.AddBotHostProxy();

        var app = builder.Build();
        app.UseGatewayRequestLogging();
        app.UseJsonExceptionHandler("The gateway failed to handle this request; the error has been logged.");
        app.UseJsonStatusPages();
        app.UseListenerPolicy();

        app.MapHealthApi();
        app.MapTenantsApi();
        app.MapAdminApi();
        app.MapBotPoolsApi();
        app.MapCertificatesApi();
        app.MapBotHostProxy();
        return app;
    }
}
