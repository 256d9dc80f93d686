namespace Sintestesia.BotHost.Bench.Load;

/// <summary>What one request got back: the answer's intent, or why there was no answer.</summary>
internal sealed record Answer(string Intent, string? Failure)
{
    public bool Succeeded => Failure is null;

    public static Answer Failed(string why) => new(string.Empty, why);
}
