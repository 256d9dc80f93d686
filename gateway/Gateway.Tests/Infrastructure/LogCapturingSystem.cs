using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Sintestesia.Gateway.Tests.Infrastructure;

/// <summary>A gateway that keeps what one of its loggers says at Information, so a test reads the lines ops would read.</summary>
public abstract class LogCapturingSystem(Type loggerCategory) : RunningSystem(botHostCount: 1, adminApi: false)
{
    protected override bool CapturesLogs => true;

    protected override void ConfigureGateway(WebApplicationBuilder builder) =>
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Serilog:MinimumLevel:Override:{loggerCategory.FullName}"] = "Information",
        });
}
