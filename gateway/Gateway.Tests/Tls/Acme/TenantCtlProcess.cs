using System.Diagnostics;
using System.Reflection;

namespace Sintestesia.Gateway.Tests.Tls.Acme;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs the built <c>tenantctl.dll</c> (from its own output folder, see the project file) as a real process with only
/// the environment a test gives it, as ops would run it against a running gateway.
/// </summary>
public static class TenantCtlProcess
{
    // Longer than tenantctl's own 120 s request timeout, so its sentence is what a slow order produces.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(150);

    private static readonly string[] InheritedVariablesToDrop =
    [
        "SINTESTESIA_ADMIN_TOKEN", "SINTESTESIA_GATEWAY_URL", "ConnectionStrings__Tenants", "Secrets__Key", "SINTESTESIA_SECRET_KEY",
    ];

    private static string DllPath { get; } = Path.GetFullPath(typeof(TenantCtlProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TenantCtlPath").Value!);

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in InheritedVariablesToDrop)
        {
            start.Environment.Remove(name);
        }

        // A database provider tenantctl cannot open: `certs` must work without one.
        start.Environment["Database__Provider"] = "no-database-for-certs";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("tenantctl did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"tenantctl {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds} s.");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
