using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Sintestesia.TenantConfig.Hosting;

public static class ServiceLogging
{
    /// <summary>
    /// Serilog for a platform service: readable lines tagged with the service name (several share one terminal
    /// under scripts/run.sh), or compact JSON when <c>Logging:Json</c> is true; levels from the <c>Serilog</c> section.
    /// </summary>
    /// <remarks>
    /// <c>requestDiagnostics</c>: whether ASP.NET Core's hosting diagnostics log. While that logger is on, hosting starts an
    /// <c>Activity</c> and a logging scope (request and connection IDs) for every request, and the HTTP client carries the
    /// Activity on as <c>traceparent</c>. A service that writes its own request line can turn it off (the gateway: a quarter
    /// of its allocations per request); the <c>Serilog</c> section can turn it back on.
    /// </remarks>
    public static WebApplicationBuilder AddServiceLogging(this WebApplicationBuilder builder, string service, bool requestDiagnostics = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var json = builder.Configuration.GetValue<bool>("Logging:Json");
        builder.Services.AddSerilog((_, log) =>
        {
            log.MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                // EF logs every failed connection, command, query and save as an error with a stack trace; the code that called it
                // decides (a lost database is one line from the directory, a losing duplicate claim is expected), and
                // anything unhandled is logged by the exception handler.
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", LogEventLevel.Fatal)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Connection", LogEventLevel.Fatal)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Query", LogEventLevel.Fatal)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Update", LogEventLevel.Fatal)
                .MinimumLevel.Override("Yarp", LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", requestDiagnostics ? LogEventLevel.Warning : LevelAlias.Off)
                .ReadFrom.Configuration(builder.Configuration)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Service", service);
            if (json)
            {
                log.WriteTo.Console(new CompactJsonFormatter());
            }
            else
            {
                log.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3} {Service}] {Message:lj}{NewLine}{Exception}",
                    formatProvider: CultureInfo.InvariantCulture);
            }
        },
        // Each host logs through its own logger. Otherwise every host in a process writes through the static Log.Logger,
        // which the last host built replaces: with several hosts in one test process, one host's events went to another's sinks.
        preserveStaticLogger: true);
        return builder;
    }
}
