using System.Globalization;
using Sintestesia.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sintestesia.Gateway.Tests.Faults;

/// <summary>
/// The fault tests run alone, after every other test, so their timings and memory figures are theirs:
/// one system of their own each, nothing else competing for the two cores or the managed heap.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsDefinition
{
    public const string Name = "faults";
}

/// <summary>How hard the fault tests push, and where their figures go.</summary>
internal static class FaultRun
{
    /// <summary><c>SINTESTESIA_FAULT_SCALE</c>: 1 (default) is CI's short form; <c>scripts/faults.sh</c> runs 10.</summary>
    public static int Scale { get; } = int.TryParse(Environment.GetEnvironmentVariable("SINTESTESIA_FAULT_SCALE"),
        NumberStyles.None, CultureInfo.InvariantCulture, out var scale) && scale > 0 ? scale : 1;

    /// <summary><c>SINTESTESIA_FAULT_SEED</c> replays a failed fuzz run (its figure names the seed); random otherwise.</summary>
    public static int Seed { get; } = int.TryParse(Environment.GetEnvironmentVariable("SINTESTESIA_FAULT_SEED"),
        NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed) ? seed : Environment.TickCount;

    private static readonly Lock ReportLock = new();

    /// <summary>Writes <c>FAULT name: held X / tried Y (detail)</c> to the test output and, when set, to <c>SINTESTESIA_FAULT_REPORT</c>.</summary>
    public static void Report(ITestOutputHelper output, string name, int held, int tried, string detail)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"FAULT {name}: held {held} / tried {tried} (scale {Scale}; {detail})");
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("SINTESTESIA_FAULT_REPORT") is { Length: > 0 } path)
        {
            lock (ReportLock)
            {
                File.AppendAllText(path, line + Environment.NewLine);
            }
        }
    }

    /// <summary>Runs <paramref name="count"/> numbered calls over <paramref name="workers"/> concurrent senders.</summary>
    public static async Task RunConcurrentlyAsync(int count, int workers, Func<int, Task> call)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await call(i);
            }
        }));
    }

    /// <summary>A signed Twilio form from a shopper of its own, so no two messages share a conversation.</summary>
    public static (Dictionary<string, string> Form, string Signature) SignedTwilioMessage(DemoShop shop, int shopper, string body, string messageSid)
    {
        var phone = string.Create(CultureInfo.InvariantCulture, $"+569{10_000_000 + shopper}");
        var form = TwilioForm.Inbound(shop.TwilioNumber, body, messageSid);
        form["From"] = "whatsapp:" + phone;
        form["WaId"] = phone.TrimStart('+');
        return (form, TwilioSignature.Compute(shop.TwilioAuthToken, shop.TwilioWebhookUrl, form));
    }

    public static void LiftRateLimits(Dictionary<string, string?> settings)
    {
        settings["Gateway:RateLimit:PerMinute"] = "100000";
        settings["Gateway:RateLimit:Burst"] = "100000";
    }

    public static string MessageSid(string run, int i) => string.Create(CultureInfo.InvariantCulture, $"SM{run}{i:D12}");

    /// <summary>Sends, and turns a transport failure into status 0 so a fault run counts it rather than stopping.</summary>
    public static async Task<Reply> TryAsync(Func<Task<Reply>> send)
    {
        try
        {
            return await send();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Reply(0, null, e.Message);
        }
    }
}
