using System.Diagnostics;

namespace Sintestesia.TenantConfig.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;
}

/// <summary>
/// Runs the built <c>tenantctl.dll</c> (copied beside the tests by the project reference) as a real process in
/// a working directory of its own, with only the environment a test gives it, so the developer's own settings
/// cannot leak in.
/// </summary>
public sealed class TenantCtlRunner(TestDatabase database) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly string[] InheritedVariablesToDrop =
    [
        "ConnectionStrings__Tenants", "Database__Provider", "Secrets__Key", "Secrets__KeyId", "SINTESTESIA_SECRET_KEY", "TWILIO_AUTH_TOKEN",
    ];

    public string SecretKey { get; } = TestKeys.NewKey();

    public DirectoryInfo WorkDir { get; } = Directory.CreateTempSubdirectory("tenantctl-tests-");

    /// <summary>The database and key ops would have exported.</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["ConnectionStrings__Tenants"] = database.ConnectionString,
        ["Database__Provider"] = database.Provider,
        ["Secrets__Key"] = SecretKey,
    };

    public string PathInWorkDir(string name) => Path.Combine(WorkDir.FullName, name);

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(Environment(), null, args);

    public async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = WorkDir.FullName,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tenantctl.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in InheritedVariablesToDrop)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("tenantctl did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
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

    public void Dispose() => WorkDir.Delete(recursive: true);
}
