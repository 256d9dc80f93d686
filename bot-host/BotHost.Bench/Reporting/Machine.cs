using System.Runtime.InteropServices;

namespace Sintestesia.BotHost.Bench.Reporting;

/// <summary>Where and when the numbers were taken: they mean little without it.</summary>
internal sealed record Machine(int Cores, string Cpu, string System, string Runtime, DateTimeOffset Date)
{
    public static Machine Current() => new(
        Environment.ProcessorCount, CpuModel(), RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, DateTimeOffset.UtcNow);

    private static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        var line = File.Exists(cpuInfo)
            ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
