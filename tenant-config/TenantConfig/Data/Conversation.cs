namespace Sintestesia.TenantConfig.Data;

/// <summary>One shopper's conversation with one shop (table <c>conversations</c>), shared by every bot host.</summary>
public sealed class Conversation
{
    public required string TenantId { get; set; }
    public required string Phone { get; set; }

    /// <summary>What the bot remembers (last product, last list) as JSON; reset after the idle timeout.</summary>
    public string? State { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>The shopper asked for a person: the bot stays quiet until ops release the conversation.</summary>
    public bool Handoff { get; set; }

    /// <summary>The shopper opted out (STOP/BAJA): nothing is sent until they opt back in.</summary>
    public bool OptedOut { get; set; }
}
