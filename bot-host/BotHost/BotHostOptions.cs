using System.ComponentModel.DataAnnotations;

namespace Sintestesia.BotHost;

/// <summary>Section <c>BotHost</c>.</summary>
public sealed class BotHostOptions
{
    public const string Section = "BotHost";

    /// <summary>Largest request body a bot host reads (the gateway enforces its own limit first).</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}
